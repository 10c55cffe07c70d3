/**
 * Occupations as SSYK 2012, SCB (4-digit unit groups): the classification Arbetsförmedlingen's job ads and
 * Swedish statistics use, so a vacancy, a candidate and a statistic speak of the same occupation.
 */
export interface Occupation {
  code: string;
  label: string;
}

// Source: SSYK 2012, SCB (4-digit unit groups). One "code label" per line, in code order; the three armed
// forces groups (major group 0) are SCB's too, though some published lists leave them out.
const SSYK_2012 = `
0110 Officerare
0210 Specialistofficerare
0310 Soldater m.fl.
1111 Politiker
1112 General-, landstings- och kommundirektörer m.fl.
1113 Chefstjänstemän i intresseorganisationer
1120 Verkställande direktörer m.fl.
1211 Ekonomi- och finanschefer, nivå 1
1212 Ekonomi- och finanschefer, nivå 2
1221 Personal- och HR-chefer, nivå 1
1222 Personal- och HR-chefer, nivå 2
1230 Förvaltnings- och planeringschefer
1241 Informations-, kommunikations- och PR-chefer, nivå 1
1242 Informations-, kommunikations- och PR-chefer, nivå 2
1251 Försäljnings- och marknadschefer, nivå 1
1252 Försäljnings- och marknadschefer, nivå 2
1291 Övriga administrations- och servicechefer, nivå 1
1292 Övriga administrations- och servicechefer, nivå 2
1311 IT-chefer, nivå 1
1312 IT-chefer, nivå 2
1321 Inköps-, logistik- och transportchefer, nivå 1
1322 Inköps-, logistik- och transportchefer, nivå 2
1331 Forsknings- och utvecklingschefer, nivå 1
1332 Forsknings- och utvecklingschefer, nivå 2
1341 Chefer inom arkitekt- och ingenjörsverksamhet, nivå 1
1342 Chefer inom arkitekt- och ingenjörsverksamhet, nivå 2
1351 Fastighets- och förvaltningschefer, nivå 1
1352 Fastighets- och förvaltningschefer, nivå 2
1361 Driftchefer inom bygg, anläggning och gruva, nivå 1
1362 Driftchefer inom bygg, anläggning och gruva, nivå 2
1371 Produktionschefer inom tillverkning, nivå 1
1372 Produktionschefer inom tillverkning, nivå 2
1380 Förvaltare inom skogsbruk och lantbruk m.fl.
1411 Avdelningschefer inom grund- och gymnasieskola samt vuxenutbildning, nivå 1
1412 Rektorer, nivå 2
1421 Avdelningschefer inom förskola, nivå 1
1422 Förskolechefer, nivå 2
1491 Övriga avdelningschefer inom utbildning, nivå 1
1492 Övriga verksamhetschefer inom utbildning, nivå 2
1511 Klinik- och verksamhetschefer inom hälsa och sjukvård, nivå 1
1512 Avdelnings- och enhetschefer inom hälsa och sjukvård, nivå 2
1521 Avdelningschefer inom socialt och kurativt arbete, nivå 1
1522 Enhetschefer inom socialt och kurativt arbete, nivå 2
1531 Avdelningschefer inom äldreomsorg, nivå 1
1532 Enhetschefer inom äldreomsorg, nivå 2
1540 Chefer och ledare inom trossamfund
1591 Övriga chefer inom samhällsservice, nivå 1
1592 Övriga verksamhetschefer inom samhällsservice, nivå 2
1611 Chefer inom bank, finans och försäkring, nivå 1
1612 Chefer inom bank, finans och försäkring, nivå 2
1711 Hotell- och konferenschefer, nivå 1
1712 Hotell- och konferenschefer, nivå 2
1721 Restaurang- och kökschefer, nivå 1
1722 Restaurang- och kökschefer, nivå 2
1731 Chefer inom handel, nivå 1
1732 Chefer inom handel, nivå 2
1741 Chefer inom friskvård, sport och fritid, nivå 1
1742 Chefer inom friskvård, sport och fritid, nivå 2
1791 Chefer inom övrig servicenäring, nivå 1
1792 Chefer inom övrig servicenäring, nivå 2
2111 Fysiker och astronomer
2112 Meteorologer
2113 Kemister
2114 Geologer och geofysiker m.fl.
2121 Matematiker och aktuarier
2122 Statistiker
2131 Cell- och molekylärbiologer m.fl.
2132 Växt- och djurbiologer
2133 Farmakologer och biomedicinare
2134 Specialister och rådgivare inom lantbruk m.m.
2135 Specialister och rådgivare inom skogsbruk
2141 Civilingenjörsyrken inom logistik och produktionsplanering
2142 Civilingenjörsyrken inom bygg och anläggning
2143 Civilingenjörsyrken inom elektroteknik
2144 Civilingenjörsyrken inom maskinteknik
2145 Civilingenjörsyrken inom kemi och kemiteknik
2146 Civilingenjörsyrken inom gruvteknik och metallurgi
2149 Övriga civilingenjörsyrken
2161 Arkitekter m.fl.
2162 Landskapsarkitekter
2163 Planeringsarkitekter m.fl.
2164 Lantmätare
2171 Industridesigner
2172 Grafisk formgivare m.fl.
2173 Designer inom spel och digitala medier
2179 Övriga designer och formgivare
2181 Arbetsmiljöingenjörer, yrkes- och miljöhygieniker
2182 Miljö- och hälsoskyddsinspektörer
2183 Specialister inom miljöskydd och miljöteknik
2211 Specialistläkare
2212 ST-läkare
2213 AT-läkare
2219 Övriga läkare
2221 Grundutbildade sjuksköterskor
2222 Barnmorskor
2223 Anestesisjuksköterskor
2224 Distriktssköterskor
2225 Psykiatrisjuksköterskor
2226 Ambulanssjuksköterskor m.fl.
2227 Geriatriksjuksköterskor
2228 Intensivvårdssjuksköterskor
2231 Operationssjuksköterskor
2232 Barnsjuksköterskor
2233 Skolsköterskor
2234 Företagssköterskor
2235 Röntgensjuksköterskor
2239 Övriga specialistsjuksköterskor
2241 Psykologer
2242 Psykoterapeuter
2250 Veterinärer
2260 Tandläkare
2271 Kiropraktorer och naprapater m.fl.
2272 Sjukgymnaster
2273 Arbetsterapeuter
2281 Apotekare
2282 Dietister
2283 Audionomer och logopeder
2284 Optiker
2289 Övriga specialister inom hälso- och sjukvård
2311 Professorer
2312 Universitets- och högskolelektorer
2313 Forskarassistenter m.fl.
2314 Doktorander
2319 Övriga universitets- och högskollärare
2320 Lärare i yrkesämnen
2330 Gymnasielärare
2341 Grundskollärare
2342 Fritidspedagoger
2343 Förskollärare
2351 Speciallärare och specialpedagoger m.fl.
2352 Studie- och yrkesvägledare
2359 Övriga pedagoger med teoretisk specialistkompetens
2411 Revisorer m.fl.
2412 Controller
2413 Finansanalytiker och investeringsrådgivare m.fl.
2414 Traders och fondförvaltare
2415 Nationalekonomer och makroanalytiker m.fl.
2419 Övriga ekonomer
2421 Lednings- och organisationsutvecklare
2422 Planerare och utredare m.fl.
2423 Personal- och HR-specialister
2431 Marknadsanalytiker och marknadsförare m.fl.
2432 Informatörer, kommunikatörer och PR-specialister
2511 Systemanalytiker och IT-arkitekter m.fl.
2512 Mjukvaru- och systemutvecklare m.fl.
2513 Utvecklare inom spel och digitala media
2514 Systemtestare och testledare
2515 Systemförvaltare m.fl.
2516 IT-säkerhetsspecialister
2519 Övriga IT-specialister
2611 Advokater
2612 Domare
2613 Åklagare
2614 Affärs- och företagsjurister
2615 Förvaltnings- och organisationsjurister
2619 Övriga jurister
2621 Museiintendenter m.fl.
2622 Bibliotekarier och arkivarier
2623 Arkeologer och specialister inom humaniora m.m.
2641 Författare m.fl.
2642 Journalister m.fl.
2643 Översättare, tolkar och lingvister m.fl.
2651 Bildkonstnärer m.fl.
2652 Musiker, sångare och kompositörer
2653 Koreografer och dansare
2654 Regissörer och producenter av film, teater m.m.
2655 Skådespelare
2661 Socialsekreterare
2662 Kuratorer
2663 Biståndsbedömare m.fl.
2669 Övriga yrken inom socialt arbete
2671 Präster
2672 Diakoner
3111 Ingenjörer och tekniker inom industri, logistik och produktionsplanering
3112 Ingenjörer och tekniker inom bygg och anläggning
3113 Ingenjörer och tekniker inom elektroteknik
3114 Ingenjörer och tekniker inom maskinteknik
3115 Ingenjörer och tekniker inom kemi och kemiteknik
3116 Ingenjörer och tekniker inom gruvteknik och metallurgi
3117 GIS- och kartingenjörer
3119 Övriga ingenjörer och tekniker
3121 Arbetsledare inom bygg, anläggning och gruva
3122 Arbetsledare inom tillverkning
3151 Maskinbefäl
3152 Fartygsbefäl m.fl.
3153 Piloter m.fl.
3154 Flygledare
3155 Flygtekniker
3211 Tekniker, bilddiagnostik och medicinteknisk utrustning
3212 Biomedicinska analytiker m.fl.
3213 Receptarier
3214 Tandtekniker och ortopedingenjörer m.fl.
3215 Laboratorieingenjörer
3230 Terapeuter inom alternativmedicin
3240 Djursjukskötare m.fl.
3250 Tandhygienister
3311 Mäklare inom finans
3312 Banktjänstemän
3313 Redovisningsekonomer
3314 Skadereglerare och värderare
3321 Försäkringssäljare och försäkringsrådgivare
3322 Företagssäljare
3323 Inköpare och upphandlare
3324 Ordersamordnare m.fl.
3331 Speditörer och transportmäklare
3332 Evenemangs- och reseproducenter m.fl.
3333 Arbetsförmedlare
3334 Fastighetsmäklare
3335 Fastighetsförvaltare
3339 Övriga förmedlare
3341 Gruppledare för kontorspersonal
3342 Domstols- och juristsekreterare m.fl.
3343 Chefssekreterare och VD-assistenter m.fl.
3351 Tull- och kustbevakningstjänstemän
3352 Skattehandläggare
3353 Socialförsäkringshandläggare
3354 Säkerhetsinspektörer m.fl.
3355 Brandingenjörer och byggnadsinspektörer m.fl.
3359 Övriga handläggare
3360 Poliser
3411 Behandlingsassistenter och socialpedagoger m.fl.
3412 Pastorer m.fl.
3421 Professionella idrottsutövare
3422 Idrottstränare och instruktörer m.fl.
3423 Fritidsledare m.fl.
3424 Friskvårdskonsulenter och hälsopedagoger m.fl.
3431 Fotografer
3432 Inredare, dekoratörer och scenografer m.fl.
3433 Inspicienter och scriptor m.fl.
3439 Övriga yrken inom kultur och underhållning
3441 Trafiklärare
3449 Övriga utbildare och instruktörer
3451 Köksmästare och souschefer
3452 Storhushållsföreståndare
3511 Drifttekniker, IT
3512 Supporttekniker, IT
3513 Systemadministratörer
3514 Nätverks- och systemtekniker m.fl.
3515 Webbmaster och webbadministratörer
3521 Bild- och sändningstekniker
3522 Ljus-, ljud och scentekniker
4111 Ekonomiassistenter m.fl.
4112 Löne- och personaladministratörer
4113 Backofficepersonal m.fl.
4114 Marknads- och försäljningsassistenter
4115 Inköps- och orderassistenter
4116 Skolassistenter m.fl.
4117 Medicinska sekreterare, vårdadministratörer m.fl.
4119 Övriga kontorsassistenter och sekreterare
4211 Croupierer och oddssättare m.fl.
4212 Inkasserare och pantlånare m.fl.
4221 Resesäljare och trafikassistenter m.fl.
4222 Kundtjänstpersonal
4223 Telefonister
4224 Hotellreceptionister m.fl.
4225 Kontorsreceptionister
4226 Marknadsundersökare och intervjuare
4321 Arbetsledare inom lager och terminal
4322 Lager- och terminalpersonal
4323 Transportledare och transportsamordnare
4410 Biblioteks- och arkivassistenter m.fl.
4420 Brevbärare och postterminalarbetare
4430 Förtroendevalda
5111 Kabinpersonal m.fl.
5112 Tågvärdar och ombordansvariga m.fl.
5113 Guider och reseledare
5120 Kockar och kallskänkor
5131 Hovmästare och servitörer
5132 Bartendrar
5141 Frisörer
5142 Hudterapeuter
5143 Massörer och massageterapeuter
5144 Fotterapeuter
5149 Övriga skönhets- och kroppsterapeuter
5151 Städledare och husfruar
5152 Fastighetsskötare
5161 Begravnings- och krematoriepersonal
5169 Övrig servicepersonal
5221 Säljande butikschefer och avdelningschefer i butik
5222 Butikssäljare, dagligvaror
5223 Butikssäljare, fackhandel
5224 Optikerassistenter
5225 Bensinstationspersonal
5226 Uthyrare
5227 Apotekstekniker
5230 Kassapersonal m.fl.
5241 Eventsäljare och butiksdemonstratörer m.fl.
5242 Telefonförsäljare m.fl.
5311 Barnskötare
5312 Elevassistenter m.fl.
5321 Undersköterskor, hemtjänst, hemsjukvård och äldreboende
5322 Undersköterskor, habilitering
5323 Undersköterskor, vård- och specialavdelning
5324 Undersköterskor, mottagning
5325 Barnsköterskor
5326 Ambulanssjukvårdare
5330 Vårdbiträden
5341 Skötare
5342 Vårdare, boendestödjare
5343 Personliga assistenter
5349 Övrig vård- och omsorgspersonal
5350 Tandsköterskor
5411 Brandmän
5412 Kriminalvårdare
5413 Väktare och ordningsvakter
5414 SOS-operatörer m.fl.
5419 Övrig bevaknings- och säkerhetspersonal
6111 Odlare av jordbruksväxter, frukt- och bär
6112 Trädgårdsodlare
6113 Trädgårdsanläggare m.fl.
6121 Uppfödare och skötare av lantbrukets husdjur
6122 Uppfödare och skötare av sällskapsdjur
6129 Övriga djuruppfödare och djurskötare
6130 Växtodlare och djuruppfödare, blandad drift
6210 Skogsarbetare
6221 Fiskodlare
6222 Fiskare
7111 Träarbetare, snickare m.fl.
7112 Murare m.fl.
7113 Betongarbetare
7114 Anläggningsarbetare
7115 Anläggningsdykare
7116 Ställningsbyggare
7119 Övriga byggnads- och anläggningsarbetare
7121 Takmontörer
7122 Golvläggare
7123 Isoleringsmontörer
7124 Glastekniker
7125 VVS-montörer m.fl.
7126 Kyl- och värmepumpstekniker m.fl.
7131 Målare
7132 Lackerare och industrimålare
7133 Skorstensfejare
7134 Saneringsarbetare m.fl.
7211 Gjutare
7212 Svetsare och gasskärare
7213 Byggnads- och ventilationsplåtslagare
7214 Tunnplåtslagare
7215 Stålkonstruktionsmontörer och grovplåtsslagare
7221 Smeder
7222 Verktygsmakare
7223 Maskinställare och maskinoperatörer, metallarbete
7224 Slipare m.fl.
7231 Motorfordonsmekaniker och fordonsreparatörer
7232 Flygmekaniker m.fl.
7233 Underhållsmekaniker och maskinreparatörer
7311 Finmekaniker
7312 Guld- och silversmeder
7319 Musikinstrumentmakare och övriga konsthantverkare
7321 Prepresstekniker
7322 Tryckare
7323 Bokbindare m.fl.
7411 Installations- och serviceelektriker
7412 Industrielektriker
7413 Distributionselektriker
7420 Elektronikreparatörer och kommunikationselektriker m.fl.
7521 Manuella ytbehandlare, trä
7522 Fin-, inrednings- och möbelsnickare
7523 Maskinsnickare och maskinoperatörer, träindustri
7531 Skräddare och ateljésömmerskor m.fl.
7532 Sömmare
7533 Tapetserare
7534 Läderhantverkare och skomakare
7611 Slaktare och styckare m.fl.
7612 Bagare och konditorer
7613 Provsmakare och kvalitetsbedömare
7619 Övriga livsmedelsförädlare
8111 Gruv- och stenbrottsarbetare
8112 Processoperatörer, stenkross- och malmförädlingsanläggning
8113 Brunnsborrare m.fl.
8114 Maskinoperatörer, cement-, sten- och betongvaror
8115 Bergssprängare
8116 Stenhuggare m.fl.
8121 Maskinoperatörer, ytbehandling
8122 Valsverksoperatörer
8129 Övriga maskin- och processoperatörer vid stål- och metallverk
8131 Maskinoperatörer, farmaceutiska produkter
8132 Maskinoperatörer, kemisktekniska och fotografiska produkter
8141 Maskinoperatörer, gummiindustri
8142 Maskinoperatörer, plastindustri
8143 Maskinoperatörer, pappersvaruindustri
8151 Maskinoperatörer, blekning, färgning och tvättning
8159 Övriga maskinoperatörer, textil-, skinn- och läderindustri
8161 Maskinoperatörer, kött- och fiskberedningsindustri
8162 Maskinoperatörer, mejeri
8163 Maskinoperatörer, kvarn-, bageri- och konfektyrindustri
8169 Övriga maskinoperatörer inom livsmedelsindustri m.m.
8171 Processoperatörer, pappersmassa
8172 Processoperatörer, papper
8173 Operatörer inom sågverk, hyvleri och plywood m.m.
8174 Maskinoperatörer inom ytbehandling, trä
8181 Maskinoperatörer, påfyllning, packning och märkning
8189 Andra process- och maskinoperatörer
8191 Drifttekniker vid värme- och vattenverk
8192 Processövervakare, kemisk industri
8193 Processövervakare, metallproduktion
8199 Övriga drifttekniker och processövervakare
8211 Fordonsmontörer
8212 Montörer, elektrisk och elektronisk utrustning
8213 Montörer, metall-, gummi- och plastprodukter
8214 Montörer, träprodukter
8219 Övriga montörer
8311 Lokförare
8312 Bangårdspersonal
8321 Taxiförare m.fl.
8329 Övriga bil-, motorcykel- och cykelförare
8331 Buss- och spårvagnsförare
8332 Lastbilsförare m.fl.
8341 Förare av jordbruks- och skogsmaskiner
8342 Anläggningsmaskinförare m.fl.
8343 Kranförare m.fl.
8344 Truckförare
8350 Matroser och jungmän m.fl.
9111 Städare
9119 Övrig hemservicepersonal m.fl.
9120 Bilrekonditionerare, fönsterputsare och övriga rengöringsarbetare
9210 Bärplockare och plantörer m.fl.
9310 Grovarbetare inom bygg och anläggning
9320 Handpaketerare och andra fabriksarbetare
9331 Hamnarbetare
9332 Ramppersonal, flyttkarlar och varupåfyllare m.fl.
9411 Pizzabagare m.fl.
9412 Restaurang- och köksbiträden m.fl.
9413 Kafé- och konditoribiträden
9520 Torg- och marknadsförsäljare
9610 Renhållnings- och återvinningsarbetare
9621 Reklamutdelare och tidningsdistributörer
9622 Vaktmästare m.fl.
9629 Övriga servicearbetare
`;

const LABEL_BY_CODE: ReadonlyMap<string, string> = new Map(
  SSYK_2012.trim()
    .split('\n')
    .map((line) => [line.slice(0, 4), line.slice(5)] as const),
);

export const OCCUPATIONS: readonly Occupation[] = [...LABEL_BY_CODE].map(([code, label]) => ({ code, label }));

export function isOccupationCode(code: string): boolean {
  return LABEL_BY_CODE.has(code);
}

export function occupationLabel(code: string): string | undefined {
  return LABEL_BY_CODE.get(code);
}

/** The SSYK minor group (first three digits): occupations in one minor group are "related". */
export function occupationGroup(code: string): string {
  return code.slice(0, 3);
}
