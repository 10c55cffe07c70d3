/**
 * Demo needs analyses of the organisations service's fictional demo companies (the kinds that took part in
 * "Steget vidare" in Malå and Arjeplog), by company name; and one referral from Malå's office to Almi.
 */
export interface DemoAnalysis {
  company: string;
  needs: Array<{ need: string; priority: number; note?: string }>;
  ownerGroups?: string[];
  offers: string[];
  seeks: string[];
}

export const DEMO_ANALYSES: DemoAnalysis[] = [
  {
    company: 'Fjällglimt Turism AB (demo)',
    needs: [
      { need: 'EXPORT', priority: 1, note: 'Vill nå turister från Norge och Tyskland (fiktivt exempel).' },
      { need: 'DIGITALISATION', priority: 2 },
    ],
    offers: ['guidade turer', 'boende'],
    seeks: ['lokalproducerad mat', 'transport'],
  },
  { company: 'Malå Lanthandel AB (demo)', needs: [{ need: 'SUPPLIERS', priority: 1 }, { need: 'BUDGETING', priority: 2 }], offers: ['dagligvaror'], seeks: ['lokalproducerad mat'] },
  { company: 'Skogsdata IT AB (demo)', needs: [{ need: 'RECRUITMENT', priority: 1 }, { need: 'INNOVATION', priority: 2 }], offers: ['it-tjänster', 'webbutveckling'], seeks: [] },
  { company: 'Norrform Bygg & Design AB (demo)', needs: [{ need: 'SUSTAINABILITY', priority: 1 }, { need: 'RECRUITMENT', priority: 2 }], offers: ['byggtjänster'], seeks: ['trävaror', 'webbutveckling'] },
  {
    company: 'Myrstack Hälsa & Skönhet AB (demo)',
    needs: [{ need: 'START_UP', priority: 1 }, { need: 'FINANCING', priority: 1 }, { need: 'BUSINESS_PLANNING', priority: 2 }],
    ownerGroups: ['WOMEN'],
    offers: ['hudvård'],
    seeks: ['webbutveckling'],
  },
  { company: 'Silvervägen Äventyr AB (demo)', needs: [{ need: 'EXPORT', priority: 1 }, { need: 'INDUSTRY_COOPERATION', priority: 2 }], offers: ['äventyrsturer'], seeks: ['boende', 'lokalproducerad mat'] },
];

export const DEMO_REFERRAL = {
  from: 'Malå kommun – Utvecklingsavdelningen',
  company: 'Myrstack Hälsa & Skönhet AB (demo)',
  to: 'Almi Företagspartner Nord',
  note: 'Nystartat företag som behöver hjälp med affärsplan och finansiering (fiktivt exempel).',
};
