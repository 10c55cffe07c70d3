/** The one needs taxonomy of the hub: what companies ask for, what offerings address, what advisers know. */
export const NEEDS = [
  'export',
  'industry-cooperation',
  'recruitment',
  'business-planning',
  'budgeting',
  'analysing-surroundings',
  'suppliers',
  'digitalisation',
  'financing',
  'sustainability',
  'innovation',
  'start-up',
  'gender-equality',
  'competence',
] as const;
export type Need = (typeof NEEDS)[number];
