/**
 * A reproducible corpus of news article TEXTS in the ingest's input format: the same seed and index always give the
 * same text, and any article can be generated on its own (random access), so a 100,000-article corpus streams in
 * constant memory and an article's related block can name another article's headline without holding it.
 *
 *   tsx bench/corpus.ts --seed 7 --articles 20 --out /tmp/corpus     write .txt files (for `npm run ingest`)
 *   tsx bench/corpus.ts --seed 7 --index 3                             print one article
 *
 * Variety comes from composition, not one template: 14 topics with their own vocabulary, sentence and quote
 * fragments; names from a dozen naming traditions; speakers introduced by appositive or by title, then by surname or
 * pronoun; direct quotes with "X said" / "said X" / "X told Y", partial quotes, scare quotes, multi-paragraph
 * quotes; straight or curly typography; front matter on most articles; a trailing related block whose headlines are
 * partly other articles of the corpus (earlier ones link, later ones become stubs that fill in).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface CorpusArticle {
  index: number;
  text: string;
  /** the headline given in front matter, or null when the ingest derives one */
  headline: string | null;
}

export interface CorpusOptions {
  seed: number;
  /** corpus size: related blocks only name articles in [0, count) */
  count: number;
  /** first index (default 0) */
  start?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness: sfc32 seeded by a 32-bit hash of (seed, index, stream), so every article and every headline has its
// own independent stream.

function hash32(...parts: number[]): number {
  let h = 0x811c9dc5 ^ parts.length;
  for (const p of parts) {
    h = Math.imul(h ^ (p & 0xffff), 0x01000193);
    h = Math.imul(h ^ (p >>> 16), 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(...seed: number[]) {
    this.a = hash32(...seed, 1);
    this.b = hash32(...seed, 2);
    this.c = hash32(...seed, 3);
    this.d = hash32(...seed, 4);
    for (let i = 0; i < 12; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
  /** draws without replacement, reshuffling when the deck runs out: an article rarely repeats a sentence */
  deck<T>(list: readonly T[]): () => T {
    let cards: T[] = [];
    return () => {
      if (cards.length === 0) cards = this.shuffle([...list]);
      return cards.pop()!;
    };
  }
  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

type Gender = 'f' | 'm';
interface NamePool {
  f: string[];
  m: string[];
  last: string[];
  /** family name first (Chinese, Korean, Hungarian): "Wang Yi" is referred to as "Wang" */
  familyFirst?: boolean;
}

const NAMES: NamePool[] = [
  { f: ['Amara', 'Chiamaka', 'Ngozi', 'Funmilayo', 'Adaeze'], m: ['Chinedu', 'Oluwaseun', 'Emeka', 'Babatunde', 'Ikenna'], last: ['Okafor', 'Adeyemi', 'Nwosu', 'Balogun', 'Eze', 'Okonkwo'] },
  { f: ['Mei', 'Xiaoling', 'Yan', 'Lihua'], m: ['Wei', 'Jun', 'Hao', 'Zhiqiang'], last: ['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Zhou'], familyFirst: true },
  { f: ['Priya', 'Ananya', 'Kavita', 'Deepika'], m: ['Rahul', 'Arjun', 'Vikram', 'Sanjay'], last: ['Sharma', 'Iyer', 'Banerjee', 'Reddy', 'Menon', 'Chatterjee'] },
  { f: ['Sofía', 'Lucía', 'Valentina', 'Camila'], m: ['Mateo', 'Joaquín', 'Andrés', 'Santiago'], last: ['García', 'Fernández', 'López', 'Martínez', 'Rodríguez', 'Castillo'] },
  { f: ['Ingrid', 'Sigrid', 'Astrid', 'Liv'], m: ['Lars', 'Magnus', 'Erik', 'Henrik'], last: ['Johansson', 'Lindqvist', 'Halvorsen', 'Nyström', 'Berg'] },
  { f: ['Fatima', 'Layla', 'Yasmin', 'Noor'], m: ['Omar', 'Karim', 'Youssef', 'Tariq'], last: ['Haddad', 'Al-Masri', 'Khalil', 'Nasser', 'Mansour'] },
  { f: ['Yuki', 'Haruka', 'Aiko', 'Emi'], m: ['Hiroshi', 'Takeshi', 'Kenji', 'Daisuke'], last: ['Tanaka', 'Suzuki', 'Watanabe', 'Kobayashi', 'Yamamoto'] },
  { f: ['Ji-woo', 'Seo-yeon', 'Min-ji'], m: ['Min-jun', 'Seung-ho', 'Dong-hyun'], last: ['Kim', 'Park', 'Choi', 'Jung', 'Kang'], familyFirst: true },
  { f: ['Olena', 'Iryna', 'Natalia', 'Oksana'], m: ['Dmytro', 'Andriy', 'Serhiy', 'Taras'], last: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Melnyk'] },
  { f: ['Zsófia', 'Katalin', 'Eszter'], m: ['Gábor', 'László', 'Bence'], last: ['Nagy', 'Kovács', 'Szabó', 'Horváth'], familyFirst: false },
  { f: ['Aoife', 'Siobhán', 'Niamh', 'Róisín'], m: ['Cillian', 'Pádraig', 'Eoin', 'Ciarán'], last: ['O’Brien', 'Murphy', 'Ní Bhriain', 'Gallagher', 'MacNamara'] },
  { f: ['Thandiwe', 'Nomvula', 'Lerato'], m: ['Sipho', 'Thabo', 'Mandla'], last: ['Dlamini', 'Nkosi', 'Mokoena', 'Khumalo'] },
  { f: ['Margaret', 'Rebecca', 'Hannah', 'Claire', 'Jennifer'], m: ['Thomas', 'Daniel', 'Robert', 'Michael', 'Jonathan'], last: ['Whitfield', 'Harrington', 'Caldwell', 'Brennan', 'Fletcher', 'Okoro-Smith'] },
  { f: ['Ayşe', 'Elif', 'Zeynep'], m: ['Mehmet', 'Emre', 'Burak'], last: ['Yılmaz', 'Demir', 'Şahin', 'Aydın'] },
  { f: ['Ana', 'Beatriz', 'Mariana'], m: ['João', 'Rafael', 'Thiago'], last: ['Silva', 'Oliveira', 'Santos', 'Pereira', 'Carvalho'] },
  { f: ['Nguyen Thi Lan', 'Mai'], m: ['Tuan', 'Minh'], last: ['Nguyen', 'Tran', 'Pham', 'Le'], familyFirst: true },
];

const PLACES = [
  'Lagos', 'Nairobi', 'Accra', 'Cape Town', 'Cairo', 'Casablanca', 'Lisbon', 'Madrid', 'Marseille', 'Rotterdam',
  'Hamburg', 'Gdańsk', 'Vilnius', 'Helsinki', 'Oslo', 'Reykjavík', 'Dublin', 'Glasgow', 'Manchester', 'Bristol',
  'Montreal', 'Winnipeg', 'Vancouver', 'Denver', 'Phoenix', 'Detroit', 'Atlanta', 'Houston', 'Monterrey', 'Bogotá',
  'Lima', 'Santiago', 'Montevideo', 'São Paulo', 'Recife', 'Quito', 'Kingston', 'Havana', 'Mumbai', 'Chennai',
  'Dhaka', 'Colombo', 'Karachi', 'Kathmandu', 'Hanoi', 'Manila', 'Jakarta', 'Surabaya', 'Kuala Lumpur', 'Bangkok',
  'Seoul', 'Busan', 'Osaka', 'Sapporo', 'Taipei', 'Chengdu', 'Wuhan', 'Ulaanbaatar', 'Almaty', 'Tbilisi', 'Yerevan',
  'Istanbul', 'Izmir', 'Beirut', 'Amman', 'Doha', 'Muscat', 'Kyiv', 'Lviv', 'Odesa', 'Kraków', 'Brno', 'Graz',
  'Ljubljana', 'Zagreb', 'Thessaloniki', 'Valletta', 'Palermo', 'Turin', 'Lyon', 'Bordeaux', 'Antwerp', 'Aarhus',
  'Perth', 'Adelaide', 'Brisbane', 'Auckland', 'Wellington', 'Suva', 'Port Moresby', 'Dakar', 'Kigali', 'Kampala',
  'Addis Ababa', 'Lusaka', 'Harare', 'Maputo', 'Windhoek', 'Gaborone', 'Tunis', 'Algiers', 'Bamako', 'Niamey',
  'Anchorage', 'Halifax', 'Tallinn', 'Riga',
];

interface Topic {
  name: string;
  /** organisations a speaker can work for */
  orgs: string[];
  /** job titles used before a name ("Finance minister X") */
  titles: string[];
  /** roles used as appositives (", the …, ") */
  roles: string[];
  /** headline subjects and predicates; {place} and {n} are filled in */
  subjects: string[];
  predicates: string[];
  /** body sentences: {place}, {org}, {n}, {year}, {month} */
  facts: string[];
  /** things a speaker says (direct quotes) */
  quotes: string[];
  /** short phrases used as partial quotes */
  partials: string[];
  /** terms that appear in scare quotes */
  scare: string[];
}

const TOPICS: Topic[] = [
  {
    name: 'economy',
    orgs: ['the central bank', 'the finance ministry', 'the chamber of commerce', 'Meridian Capital', 'the statistics office'],
    titles: ['Finance minister', 'Central bank governor', 'Chief economist', 'Trade secretary'],
    roles: ['the chief economist at Meridian Capital', 'a senior fellow at the Institute for Fiscal Studies', 'the head of the chamber of commerce', 'a former deputy governor of the central bank'],
    subjects: ['Inflation', 'Bond yields', 'Retail sales', 'The currency', 'Wage growth', 'Factory output', 'Mortgage rates'],
    predicates: ['climb to a {n}-month high in {place}', 'slide as {place} exporters brace for tariffs', 'defy forecasts for a {n}th week', 'stall despite {place} stimulus', 'ease as {place} fuel prices fall'],
    facts: [
      'Consumer prices rose {n} per cent in the year to {month}, the statistics office said on Tuesday.',
      'The figures surprised analysts, who had expected a slowdown after {org} raised borrowing costs {n} times since {year}.',
      'Shares of lenders in {place} fell sharply in early trading before recovering some of their losses by the close.',
      'Economists have warned for months that households would feel the squeeze once fixed-rate deals expired.',
      'The government has promised a package of measures worth about {n}bn to help small businesses with energy bills.',
      'Exports of machinery and chemicals, long the backbone of the region’s economy, have fallen for {n} consecutive quarters.',
      'Investors are now betting that rates will stay higher for longer, pushing up the cost of government borrowing.',
    ],
    quotes: [
      'We are not out of the woods yet, and anyone who tells you otherwise is selling something',
      'The labour market is still tight, which means price pressures will take time to fade',
      'This is the clearest sign so far that the squeeze on household budgets is easing',
      'We will do whatever is necessary to bring inflation back to target',
      'Businesses cannot plan when the rules change every six months',
    ],
    partials: ['a painful but necessary adjustment', 'the worst is behind us', 'a slow-motion recession', 'premature'],
    scare: ['soft landing', 'greedflation', 'vibecession', 'transitory'],
  },
  {
    name: 'climate',
    orgs: ['the environment agency', 'Greenwatch', 'the meteorological service', 'the coastal protection board'],
    titles: ['Environment minister', 'Climate envoy', 'Mayor', 'Chief scientist'],
    roles: ['a climate scientist at the University of {place}', 'the director of Greenwatch', 'a spokesperson for the environment agency', 'an adviser to the coastal protection board'],
    subjects: ['Heatwave', 'Flood defences', 'Drought', 'Wildfire season', 'Glacier melt', 'Sea-level rise'],
    predicates: ['tests {place} as temperatures pass {n}C', 'forces {place} to ration water', 'prompts evacuation of {n} homes near {place}', 'costs {place} farmers their harvest'],
    facts: [
      'Temperatures in {place} reached {n}C on Sunday, the highest since records began in {year}.',
      'Emergency services said they had rescued dozens of people from flooded homes overnight.',
      'The region has had less than half its usual rainfall since {month}, according to {org}.',
      'Insurers estimate that the damage could exceed {n}m, most of it uninsured.',
      'Scientists say the events are consistent with a warming climate, though attributing any single storm takes weeks of study.',
      'Local authorities have opened cooling centres in libraries and sports halls.',
    ],
    quotes: [
      'What used to be a once-in-a-century event is now something we plan for every few years',
      'We were warned about this for decades and we chose not to listen',
      'The defences held, but only just, and they will not hold next time',
      'People need to understand that adaptation is no longer optional',
    ],
    partials: ['a wake-up call', 'the new normal', 'utterly predictable', 'too little, too late'],
    scare: ['net zero', 'green growth', 'climate lockdown', 'managed retreat'],
  },
  {
    name: 'health',
    orgs: ['the health ministry', 'the national health service', 'St Bartholomew’s Hospital', 'the nurses’ union'],
    titles: ['Health secretary', 'Chief medical officer', 'Professor', 'Dr'],
    roles: ['a consultant at St Bartholomew’s Hospital', 'the general secretary of the nurses’ union', 'an epidemiologist at the University of {place}', 'the chief executive of the hospital trust'],
    subjects: ['Waiting lists', 'Hospital admissions', 'Nurses', 'Vaccine uptake', 'Measles cases', 'GP surgeries'],
    predicates: ['hit record {n} in {place}', 'walk out over pay in {place}', 'fall among {place} children', 'rise for a {n}th month'],
    facts: [
      'More than {n},000 patients have waited longer than a year for treatment, official figures show.',
      'The union said its members would strike for {n} days unless the government improved its offer.',
      'Hospitals in {place} have postponed routine operations to free beds for emergency cases.',
      'The trial, which followed {n},000 adults for five years, was published in a leading medical journal.',
      'Doctors said the rise in cases was linked to a fall in childhood vaccination since {year}.',
    ],
    quotes: [
      'Staff are exhausted and patients are paying the price',
      'The evidence is clear: early diagnosis saves lives and money',
      'We cannot keep asking people to do more with less',
      'Nobody goes into nursing to get rich, but they do need to pay the rent',
    ],
    partials: ['dangerously overstretched', 'a lifeline', 'on its knees', 'unacceptable'],
    scare: ['bed blocking', 'efficiency savings', 'corridor care'],
  },
  {
    name: 'technology',
    orgs: ['Northwind Systems', 'the data protection regulator', 'Helix Robotics', 'the competition authority', 'Quantix'],
    titles: ['Chief executive', 'Digital minister', 'Chief technology officer', 'Commissioner'],
    roles: ['the chief executive of Northwind Systems', 'a researcher at the {place} Institute of Technology', 'the founder of Helix Robotics', 'a partner at a venture capital firm in {place}'],
    subjects: ['Chipmaker', 'Regulators', 'Start-ups', 'Data breach', 'Satellite launch', 'Battery maker'],
    predicates: ['open {n}bn plant outside {place}', 'fine tech group over {place} data transfers', 'lay off {n} staff in {place}', 'exposes records of {n}m customers'],
    facts: [
      'The company said it would hire about {n}00 engineers over the next three years.',
      'Regulators opened an investigation in {month} after complaints from rival firms.',
      'The breach exposed names, addresses and partial card numbers, {org} said.',
      'Its shares have more than doubled since {year}, giving it a market value of about {n}bn.',
      'Critics say the rules are too vague to be enforced and will favour the largest companies.',
    ],
    quotes: [
      'We built this for engineers, and engineers are the people who will decide whether it works',
      'The rules were written for a world that no longer exists',
      'Nobody has a right to your data just because they can collect it',
      'We are a small team and we have to choose our battles carefully',
    ],
    partials: ['a turning point', 'deeply concerning', 'years ahead of the competition', 'a solution looking for a problem'],
    scare: ['artificial intelligence', 'disruption', 'the cloud', 'move fast and break things'],
  },
  {
    name: 'elections',
    orgs: ['the electoral commission', 'the Progressive Alliance', 'the National Union party', 'the Civic Forum'],
    titles: ['Prime minister', 'Opposition leader', 'President', 'Senator', 'Governor'],
    roles: ['the leader of the Progressive Alliance', 'a political scientist at the University of {place}', 'the chair of the electoral commission', 'a campaign strategist for the National Union party'],
    subjects: ['Opposition', 'Turnout', 'Ruling party', 'Coalition talks', 'Recount', 'Snap election'],
    predicates: ['gains ground in {place} polls', 'collapse after {n} weeks', 'ordered in {place} district', 'called for {month}'],
    facts: [
      'Turnout was {n} per cent, the lowest in a general election since {year}.',
      'Polls closed at 10pm and counting continued through the night in {place}.',
      'The party won {n} of the 150 seats, short of the majority it needs to govern alone.',
      'Observers from {org} said the vote had been orderly but criticised the state broadcaster’s coverage.',
      'Negotiations are expected to last weeks, with the budget and migration the main sticking points.',
    ],
    quotes: [
      'The people have spoken and we will respect their decision',
      'We ran a clean campaign and we are proud of it',
      'This is not the result we wanted, but it is the result we have',
      'Nobody should take these voters for granted again',
    ],
    partials: ['a historic mandate', 'a protest vote', 'deeply flawed', 'a new chapter'],
    scare: ['silent majority', 'the establishment', 'real people'],
  },
  {
    name: 'transport',
    orgs: ['the transport authority', 'Northern Rail', 'the port authority', 'the airport operator', 'the drivers’ union'],
    titles: ['Transport secretary', 'Mayor', 'Port director', 'Union leader'],
    roles: ['the head of the port authority', 'a spokesperson for Northern Rail', 'the general secretary of the drivers’ union', 'a transport planner at the University of {place}'],
    subjects: ['Rail strike', 'New metro line', 'Port expansion', 'Airport', 'Bus fares', 'Bridge repairs'],
    predicates: ['halts services across {place}', 'opens {n} years late in {place}', 'approved after {n}-year fight in {place}', 'cut in {place} to win back riders'],
    facts: [
      'The line will carry an estimated {n},000 passengers a day when it is fully open.',
      'The project was originally budgeted at {n}bn but costs have risen by more than half.',
      'Drivers will walk out for {n} days from Monday, the union confirmed.',
      'Container volumes at the port rose {n} per cent last year, according to {org}.',
      'Commuters faced long queues at stations in {place} as replacement buses failed to turn up.',
    ],
    quotes: [
      'We are sorry for the disruption, but safety has to come first',
      'This line will change how people live and work in this city',
      'Passengers have been patient for far too long',
      'Every day of delay costs the regional economy money it does not have',
    ],
    partials: ['a vanity project', 'long overdue', 'chaotic', 'a fair deal'],
    scare: ['levelling up', 'smart motorway', 'modernisation'],
  },
  {
    name: 'housing',
    orgs: ['the housing association', 'the city council', 'the tenants’ union', 'Crestline Homes'],
    titles: ['Housing minister', 'Councillor', 'Mayor', 'Planning chief'],
    roles: ['the city’s housing director', 'the chair of the tenants’ union', 'the chief executive of Crestline Homes', 'a planning lawyer in {place}'],
    subjects: ['Rents', 'House prices', 'Council', 'Tower block', 'Planning reform', 'Homelessness'],
    predicates: ['rise {n} per cent in {place}', 'approves {n} new homes in {place}', 'evacuated over fire safety in {place}', 'doubles in {place} since {year}'],
    facts: [
      'Average rents in {place} have risen to {n},000 a year, more than a third of the median salary.',
      'The council said {n}00 families were living in temporary accommodation, up from half that in {year}.',
      'Developers say planning rules make it too slow and expensive to build on brownfield sites.',
      'The scheme includes a school, a health centre and a park, alongside shops on the ground floor.',
      'Residents were told to leave their flats within 48 hours after inspectors found defects in the cladding.',
    ],
    quotes: [
      'We will build what the city needs and we will do it this year',
      'Nobody should have to choose between heating and eating',
      'Landlords are leaving the market because the numbers no longer add up',
      'We were promised affordable homes and we got luxury flats',
    ],
    partials: ['a national scandal', 'affordable in name only', 'a drop in the ocean', 'bold'],
    scare: ['affordable', 'regeneration', 'luxury living'],
  },
  {
    name: 'sport',
    orgs: ['the football federation', 'the Olympic committee', 'City FC', 'the players’ union'],
    titles: ['Coach', 'Captain', 'Manager', 'Club president'],
    roles: ['the club’s head coach', 'the captain of the national team', 'the president of the football federation', 'a former international now working as a pundit'],
    subjects: ['Champions', 'Underdogs', 'Marathon record', 'Transfer', 'Stadium deal', 'Relegation fight'],
    predicates: ['stun {place} with late winner', 'broken in {place}', 'agreed for record {n}m fee', 'goes to final day in {place}'],
    facts: [
      'The winner came in the {n}th minute, a low shot that squeezed in at the near post.',
      'A crowd of {n},000 watched in driving rain at the stadium in {place}.',
      'The club has not won a league title since {year} and has changed managers four times in three seasons.',
      'The federation said it would review the refereeing decisions after complaints from both teams.',
      'She finished in two hours {n} minutes, more than a minute inside the previous best.',
    ],
    quotes: [
      'I am so proud of these players, they never stopped believing',
      'We made mistakes today and we will learn from them',
      'Football is nothing without the fans and tonight they were incredible',
      'I felt good from the first kilometre and I just kept going',
    ],
    partials: ['a special night', 'unacceptable', 'the best team in the league', 'a disaster'],
    scare: ['project', 'financial fair play', 'super league'],
  },
  {
    name: 'culture',
    orgs: ['the national gallery', 'the film festival', 'the arts council', 'the museum'],
    titles: ['Director', 'Curator', 'Culture minister', 'Artistic director'],
    roles: ['the director of the national gallery', 'a curator at the museum in {place}', 'the festival’s artistic director', 'a novelist from {place}'],
    subjects: ['Museum', 'Festival', 'Novelist', 'Film', 'Opera house', 'Lost painting'],
    predicates: ['returns {n} artefacts to {place}', 'draws record crowds in {place}', 'wins prize for {place} trilogy', 'found in {place} attic'],
    facts: [
      'The exhibition, which opens in {month}, brings together {n} works never before shown together.',
      'The objects were taken during colonial rule and have been held in storerooms since {year}.',
      'Ticket sales rose {n} per cent on last year, the organisers said.',
      'The judges praised the book’s language and its portrait of a city in the middle of change.',
      'Arts organisations have warned that funding cuts will force smaller venues to close.',
    ],
    quotes: [
      'These objects belong to the people whose ancestors made them',
      'I wrote the book I wanted to read and could not find',
      'Culture is not a luxury, it is how a society understands itself',
      'We want everyone to feel that this building is theirs',
    ],
    partials: ['an act of justice', 'a masterpiece', 'elitist', 'long overdue'],
    scare: ['restitution', 'culture war', 'heritage'],
  },
  {
    name: 'science',
    orgs: ['the space agency', 'the research council', 'the university', 'the observatory'],
    titles: ['Professor', 'Dr', 'Mission director'],
    roles: ['a physicist at the University of {place}', 'the lead author of the study', 'the mission’s principal investigator', 'an astronomer at the observatory in {place}'],
    subjects: ['Telescope', 'Researchers', 'Probe', 'Fossil find', 'Gene study', 'Fusion experiment'],
    predicates: ['spots {n} new exoplanets', 'rewrite timeline of {place} settlement', 'reaches orbit after {n}-year journey', 'doubles energy record'],
    facts: [
      'The results, published in a peer-reviewed journal, are based on {n} years of observations.',
      'The team analysed samples from {n} sites across the region.',
      'The mission cost about {n}bn and involved scientists from {n} countries.',
      'Other researchers cautioned that the findings would need to be replicated before firm conclusions were drawn.',
      'The discovery was made almost by accident during routine calibration in {month}.',
    ],
    quotes: [
      'This is the kind of result you hope for once in a career',
      'We still have far more questions than answers',
      'Science is slow, and that is a feature, not a bug',
      'The data surprised us, and surprises are where the interesting work begins',
    ],
    partials: ['a remarkable finding', 'a long shot', 'premature', 'game-changing'],
    scare: ['breakthrough', 'missing link', 'dark energy'],
  },
  {
    name: 'agriculture',
    orgs: ['the farmers’ union', 'the agriculture ministry', 'the grain board', 'the fisheries council'],
    titles: ['Agriculture minister', 'Union president', 'Farmer'],
    roles: ['the president of the farmers’ union', 'a dairy farmer near {place}', 'an agronomist at the University of {place}', 'the head of the grain board'],
    subjects: ['Farmers', 'Grain exports', 'Fishing quotas', 'Milk prices', 'Harvest', 'Fertiliser costs'],
    predicates: ['block roads around {place}', 'resume from {place} port', 'cut by {n} per cent', 'worst in {n} years'],
    facts: [
      'Tractors blocked roads into {place} for a {n}th day on Wednesday.',
      'Wheat yields are expected to be {n} per cent below the five-year average.',
      'The price of fertiliser has almost doubled since {year}, squeezing margins.',
      'Fishing communities say the new quotas will put dozens of boats out of work.',
      'Supermarkets have been accused of using their buying power to hold down what they pay farmers.',
    ],
    quotes: [
      'We feed this country and we are treated like an inconvenience',
      'The weather has always been a gamble, but now the dice are loaded',
      'If the boats stop, the town stops',
      'We need a fair price, not a handout',
    ],
    partials: ['a betrayal', 'unsustainable', 'the last straw', 'a lifeline'],
    scare: ['food security', 'rewilding', 'red tape'],
  },
  {
    name: 'energy',
    orgs: ['the grid operator', 'Solaris Energy', 'the energy regulator', 'the national oil company'],
    titles: ['Energy minister', 'Chief executive', 'Regulator'],
    roles: ['the chief executive of Solaris Energy', 'an energy analyst in {place}', 'the head of the grid operator', 'a spokesperson for the energy regulator'],
    subjects: ['Wind farm', 'Gas prices', 'Nuclear plant', 'Power cuts', 'Solar tariffs', 'Oil output'],
    predicates: ['approved off {place} coast', 'fall to {n}-month low', 'gets {n}-year extension', 'hit {n},000 homes in {place}'],
    facts: [
      'The project will generate enough electricity for about {n}0,000 homes.',
      'The regulator said bills would fall by about {n} per cent from {month}.',
      'The outage left parts of {place} without power for up to {n} hours.',
      'Wind and solar produced more than half the country’s electricity for the first time last year.',
      'Connecting new projects to the grid can take up to a decade, developers say.',
    ],
    quotes: [
      'The technology is ready; the grid is not',
      'Every household will feel the difference in their bills',
      'We cannot switch off the old system before the new one is built',
      'Energy security is national security',
    ],
    partials: ['a game-changer', 'a false dawn', 'reckless', 'the cheapest power in history'],
    scare: ['clean coal', 'bridge fuel', 'energy independence'],
  },
  {
    name: 'education',
    orgs: ['the education ministry', 'the teachers’ union', 'the university', 'the exam board'],
    titles: ['Education secretary', 'Headteacher', 'Vice-chancellor', 'Professor'],
    roles: ['the headteacher of a primary school in {place}', 'the general secretary of the teachers’ union', 'the vice-chancellor of the University of {place}', 'an education researcher'],
    subjects: ['Teachers', 'Exam results', 'University fees', 'School meals', 'Student loans', 'Reading scores'],
    predicates: ['strike over pay in {place}', 'fall for {n}th year', 'frozen until {year}', 'extended to {n},000 pupils in {place}'],
    facts: [
      'About {n},000 pupils in {place} will be affected by the closures.',
      'The proportion of top grades fell to {n} per cent, close to pre-pandemic levels.',
      'Universities say they lose money on every domestic student they teach.',
      'Schools have struggled to recruit maths and physics teachers since {year}.',
      'The union’s members voted by a large majority to reject the offer.',
    ],
    quotes: [
      'Children only get one chance at an education',
      'We are losing good teachers every week',
      'No child should be too hungry to learn',
      'The system rewards the schools that need help least',
    ],
    partials: ['a postcode lottery', 'a betrayal of a generation', 'world class', 'a sticking plaster'],
    scare: ['grade inflation', 'learning loss', 'mickey mouse degrees'],
  },
  {
    name: 'justice',
    orgs: ['the supreme court', 'the prosecution service', 'the police', 'the human rights commission'],
    titles: ['Judge', 'Chief constable', 'Justice minister', 'Attorney general'],
    roles: ['a lawyer representing the families', 'the chief prosecutor', 'a spokesperson for the police', 'a law professor at the University of {place}'],
    subjects: ['Court', 'Inquiry', 'Police', 'Appeal', 'Jury', 'Prison reform'],
    predicates: ['rules against {place} council', 'opens into {place} deaths', 'arrest {n} after {place} raids', 'overturns {year} conviction'],
    facts: [
      'The court ruled by {n} votes to two that the policy was unlawful.',
      'The inquiry will hear evidence from more than {n}0 witnesses over the next year.',
      'Officers searched {n} properties in {place} and seized cash and phones.',
      'The case has been delayed several times since charges were first brought in {year}.',
      'The families have campaigned for a public inquiry for more than a decade.',
    ],
    quotes: [
      'Today the truth finally came out',
      'Nobody is above the law, however powerful they are',
      'We will study the judgment carefully before deciding on our next steps',
      'Justice delayed is justice denied, and these families have waited long enough',
    ],
    partials: ['a miscarriage of justice', 'a landmark ruling', 'deeply regrettable', 'a cover-up'],
    scare: ['tough on crime', 'hostile environment', 'reasonable force'],
  },
];

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['on Monday', 'on Tuesday', 'on Wednesday', 'on Thursday', 'on Friday', 'at the weekend', 'last week', 'on Sunday'];
const SAY_VERBS = ['said', 'said', 'said', 'told reporters', 'added', 'warned', 'insisted', 'argued'];
const SOURCES = ['The Daily Ledger', 'Harbour Times', 'Northern Courier', 'Global Wire', 'The Evening Standard-Bearer', 'Coastline Post'];
const RELATED_HEADINGS = ['Related', 'Articles You May Like', 'Read more', 'More on this story', 'Related stories', 'See also', 'Recommended'];
const EXTERNAL_HEADLINES = [
  'Even a PhD isn’t enough to erase the effects of class',
  'Was the coach great, or just lucky?',
  'Investors revive the reflation trade in bet on bonds',
  'How a small-town bakery became a national brand',
  'The quiet revival of night trains across Europe',
  'Why your phone battery dies faster in winter',
  'Inside the race to map the ocean floor',
  'What the census tells us about who moves where',
  'Five charts that explain the housing market',
  'A river, a dam and a decades-old quarrel',
  'The surprising economics of public libraries',
  'Can a city be designed for old age?',
];

// ---------------------------------------------------------------------------------------------------------------
// Headlines: unique by construction. Index i maps through a bijection on [0, M) to (topic, subject, predicate,
// place, number) digits, so two indices below M never share a headline (and so never share a slug).

const HEADLINE_NUMBERS = 97; // n in 3..99
const FRAMES = ['', 'Analysis: ', 'Explainer: ', 'Live: ', 'Exclusive: ', 'Opinion: ', 'Update: ', 'Breaking: ', 'Briefing: ', 'Watch: '];
const QUALIFIERS = ['', 'again', 'amid protests', 'after talks', 'as deadline nears', 'despite warnings', 'under pressure', 'in surprise move', 'ahead of vote', 'for second time', 'as critics object'];
function headlineDigits(seed: number, index: number) {
  const T = TOPICS.length;
  const S = 6; // each topic has at least 6 subjects
  const P = 4; // and at least 4 predicates
  const L = PLACES.length;
  const M = T * S * P * L * HEADLINE_NUMBERS;
  // a multiplier coprime with M (M's prime factors are small: 2,3,7,13,17,97… — 1000003 is prime and larger)
  let x = (index * 1_000_003 + hash32(seed, 77)) % M;
  const n = x % HEADLINE_NUMBERS;
  x = Math.floor(x / HEADLINE_NUMBERS);
  const l = x % L;
  x = Math.floor(x / L);
  const p = x % P;
  x = Math.floor(x / P);
  const s = x % S;
  x = Math.floor(x / S);
  const t = x % T;
  return { t, s, p, l, n: n + 3, M };
}

export const HEADLINE_CAPACITY = headlineDigits(0, 0).M;

export function headlineOf(seed: number, index: number): string {
  const { t, s, p, l, n } = headlineDigits(seed, index);
  const topic = TOPICS[t]!;
  const subject = topic.subjects[s]!;
  const predicate = topic.predicates[p]!.replaceAll('{place}', PLACES[l]!).replaceAll('{n}', String(n));
  // a place the predicate does not mention goes in front, so every headline carries its place digit
  let text = predicate.includes(PLACES[l]!) ? `${subject} ${predicate}` : `${PLACES[l]}: ${subject.toLowerCase()} ${predicate}`;
  // a predicate without a number carries the number digit as a frame and a qualifier instead
  if (!topic.predicates[p]!.includes('{n}')) text = `${FRAMES[n % 10]}${text} ${QUALIFIERS[Math.floor(n / 10)]}`;
  return text.replaceAll('{year}', String(2010 + (n % 14))).trim();
}

function topicOf(seed: number, index: number): Topic {
  return TOPICS[headlineDigits(seed, index).t]!;
}

/** About one article in six has no front matter; its headline is derived by the ingest, so no related block names it. */
export function hasFrontMatter(seed: number, index: number): boolean {
  return hash32(seed, index, 991) % 6 !== 0;
}

// ---------------------------------------------------------------------------------------------------------------
// People

interface Person {
  full: string;
  /** what later paragraphs call them */
  short: string;
  gender: Gender;
  /** introduced as "Title Full" (true) or "Full, role," (false) */
  titled: boolean;
  title: string;
  role: string;
  introduced: boolean;
}

function makePerson(rng: Rng, topic: Topic, place: string, role = rng.pick(topic.roles)): Person {
  const pool = rng.pick(NAMES);
  const gender: Gender = rng.chance(0.5) ? 'f' : 'm';
  const first = rng.pick(pool[gender]);
  const last = rng.pick(pool.last);
  const full = pool.familyFirst ? `${last} ${first}` : `${first} ${last}`;
  return { full, short: last, gender, titled: rng.chance(0.4), title: rng.pick(topic.titles), role: role.replaceAll('{place}', place), introduced: false };
}

const pronoun = (p: Person) => (p.gender === 'f' ? 'she' : 'he');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Finance minister Hiroshi Tanaka" / "Amara Okafor, the chief economist at Meridian Capital," on first mention. */
function mention(p: Person, position: 'subject' | 'mid' | 'after-said'): string {
  if (p.introduced) return p.short;
  p.introduced = true;
  // a title is lower case inside a sentence ("…,” finance minister X said) except honorifics
  const title = position === 'subject' || /^(Dr|Professor|Judge|Senator|President)$/.test(p.title) ? p.title : p.title.toLowerCase();
  if (p.titled) return `${title} ${p.full}`;
  return position === 'after-said' ? `${p.full}, ${p.role}` : `${p.full}, ${p.role},`;
}

// ---------------------------------------------------------------------------------------------------------------
// Articles

interface Marks {
  open: string;
  close: string;
  apos: string;
}
const CURLY: Marks = { open: '“', close: '”', apos: '’' };
const STRAIGHT: Marks = { open: '"', close: '"', apos: "'" };

function fill(rng: Rng, template: string, ctx: { place: string; org: string }): string {
  return template
    .replaceAll('{place}', ctx.place)
    .replaceAll('{org}', ctx.org)
    .replace(/\{n\}/g, () => String(rng.int(2, 95)))
    .replaceAll('{year}', String(rng.int(2008, 2023)))
    .replaceAll('{month}', rng.pick(MONTHS));
}

/** Generates article `index` of the corpus. Pure: same (seed, index, count) → same text. */
export function generateArticle(seed: number, index: number, count: number): CorpusArticle {
  const rng = new Rng(seed, index);
  const topic = topicOf(seed, index);
  const second = rng.chance(0.3) ? rng.pick(TOPICS) : topic; // some articles borrow facts from a neighbouring topic
  const place = rng.pick(PLACES);
  const ctx = { place, org: rng.pick(topic.orgs) };
  const marks = rng.chance(0.8) ? CURLY : STRAIGHT;
  const q = (s: string) => `${marks.open}${s}${marks.close}`;
  const roleDeck = rng.deck(topic.roles);
  const people = Array.from({ length: rng.int(2, 6) }, () => makePerson(rng, topic, place, roleDeck()));
  // one person of the cast may recur from a small shared pool, so the same person appears across many articles
  if (rng.chance(0.5)) {
    const shared = new Rng(seed, 4242, hash32(index) % 40);
    people[0] = makePerson(shared, topic, place, roleDeck());
  }
  const paragraphCount = rng.int(10, 30);
  const paragraphs: string[] = [];
  let last: Person | null = null;
  let speakerRotation = 0;

  const decks = new Map<Topic, { fact: () => string; quote: () => string }>();
  const deckOf = (t: Topic) => {
    let d = decks.get(t);
    if (!d) decks.set(t, (d = { fact: rng.deck(t.facts), quote: rng.deck(t.quotes) }));
    return d;
  };
  const fact = () => fill(rng, deckOf(rng.chance(0.75) ? topic : second).fact(), ctx).replaceAll('’', marks.apos);
  const nextSpeaker = () => people[speakerRotation++ % people.length]!;
  const quoteText = (t: Topic) => deckOf(t).quote().replaceAll('’', marks.apos);

  for (let i = 0; i < paragraphCount; i++) {
    const kind = i === 0 ? 'lede' : rng.pick(['fact', 'fact', 'direct', 'direct', 'direct-after', 'pronoun', 'partial', 'scare', 'told', 'multi', 'two-facts']);
    const day = rng.pick(DAYS);
    switch (kind) {
      case 'lede': {
        const p = nextSpeaker();
        const partial = rng.pick(topic.partials);
        paragraphs.push(
          `${cap(mention(p, 'subject'))} ${rng.pick(['warned', 'said', 'announced', 'conceded'])} ${day} that ${fill(rng, rng.pick(topic.facts), ctx).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase())}, calling it ${q(partial)}.`,
        );
        last = p;
        break;
      }
      case 'fact':
        paragraphs.push(fact());
        break;
      case 'two-facts':
        paragraphs.push(`${fact()} ${fact()}`);
        break;
      case 'direct': {
        const p = nextSpeaker();
        const verb = rng.pick(SAY_VERBS);
        // "X said" and "said X" both occur; "said X" only with the plain verb, as in print
        const attribution = verb === 'said' && rng.chance(0.4) ? `said ${mention(p, 'after-said')}` : `${mention(p, 'mid')} ${verb}`;
        paragraphs.push(`${q(`${quoteText(topic)},`)} ${attribution}.${rng.chance(0.4) ? ` ${fact()}` : ''}`);
        last = p;
        break;
      }
      case 'direct-after': {
        const p = nextSpeaker();
        paragraphs.push(`${cap(mention(p, 'subject'))} said ${day}: ${q(`${quoteText(topic)}.`)}`);
        last = p;
        break;
      }
      case 'pronoun': {
        if (!last) {
          paragraphs.push(fact());
          break;
        }
        paragraphs.push(
          rng.chance(0.5)
            ? `${q(`${quoteText(rng.chance(0.7) ? topic : second)},`)} ${pronoun(last)} ${rng.pick(['said', 'added', 'said later'])}.`
            : `${cap(pronoun(last))} added that the plan was ${q(rng.pick(topic.partials))} and said ${pronoun(last)} would ${rng.pick(['press ahead', 'ask for a review', 'meet the minister', 'wait for the figures'])}.`,
        );
        break;
      }
      case 'partial': {
        const p = nextSpeaker();
        paragraphs.push(
          `${cap(mention(p, 'subject'))} described the ${rng.pick(['decision', 'plan', 'proposal', 'ruling', 'figures'])} as ${q(rng.pick(topic.partials))}, ${rng.pick(['but stopped short of calling for a change of course', 'and urged ministers to act', 'a view shared by several colleagues', 'though others disagreed'])}.`,
        );
        last = p;
        break;
      }
      case 'scare':
        paragraphs.push(
          `Critics say the so-called ${q(rng.pick(topic.scare))} ${rng.pick(['has never been properly defined', 'is more slogan than policy', 'means different things to different people', 'has been used to justify almost anything'])}. ${fact()}`,
        );
        break;
      case 'told': {
        const p = nextSpeaker();
        const other = people.find((x) => x !== p && x.introduced) ?? null;
        const audience = other ? other.short : rng.pick(['the BBC', 'reporters', 'a parliamentary committee', 'the Financial Times', 'local radio']);
        paragraphs.push(`${q(`${quoteText(topic)},`)} ${mention(p, 'mid')} told ${audience}.`);
        last = p;
        break;
      }
      case 'multi': {
        // a quote that runs over two paragraphs: the first has no closing mark, the second opens again
        const p = nextSpeaker();
        paragraphs.push(`${cap(mention(p, 'subject'))} said: ${marks.open}${quoteText(topic)}. ${quoteText(second)}.`);
        if (i + 1 < paragraphCount) {
          i++;
          paragraphs.push(`${marks.open}${quoteText(topic)}.${marks.close}`);
        } else {
          paragraphs[paragraphs.length - 1] += marks.close;
        }
        last = p;
        break;
      }
    }
  }

  // Related: 2–6 headlines, mostly other corpus articles (with front matter, so their headline is known).
  const related: string[] = [];
  if (rng.chance(0.85) && count > 1) {
    const n = rng.int(2, 6);
    for (let k = 0; k < n; k++) {
      if (rng.chance(0.7)) {
        const j = rng.int(0, count - 1);
        if (j !== index && hasFrontMatter(seed, j)) related.push(headlineOf(seed, j));
      } else {
        related.push(rng.pick(EXTERNAL_HEADLINES));
      }
    }
  }

  const front = hasFrontMatter(seed, index);
  const headline = front ? headlineOf(seed, index) : null;
  let text = '';
  if (front) {
    const lines = ['---', `headline: ${headline}`];
    if (rng.chance(0.8)) lines.push(`byline: ${makePerson(rng, topic, place).full}`);
    const date = new Date(Date.UTC(2015, 0, 1) + rng.int(0, 3650) * 86_400_000 + rng.int(0, 86_399) * 1000);
    lines.push(`published: ${date.toISOString().replace('.000Z', 'Z')}`);
    if (rng.chance(0.6)) lines.push(`source: ${rng.pick(SOURCES)}`);
    if (rng.chance(0.3)) lines.push(`url: https://news.example.org/${topic.name}/${index}`);
    if (rng.chance(0.1)) lines.push('language: en-GB');
    lines.push('---');
    text = `${lines.join('\n')}\n`;
  }
  text += paragraphs.join('\n\n');
  if (related.length) text += `\n\n${rng.pick(RELATED_HEADINGS)}\n\n${[...new Set(related)].join('\n')}`;
  return { index, text: `${text}\n`, headline };
}

/** Streams the corpus: constant memory whatever `count` is. */
export function* generateCorpus(options: CorpusOptions): Generator<CorpusArticle> {
  for (let i = options.start ?? 0; i < options.count; i++) yield generateArticle(options.seed, i, options.count);
}

// ---------------------------------------------------------------------------------------------------------------
// CLI

function main(argv: string[]) {
  const arg = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const seed = arg('--seed', 1);
  const count = arg('--articles', 10);
  const outIndex = argv.indexOf('--out');
  const index = argv.indexOf('--index');
  if (index >= 0) {
    process.stdout.write(generateArticle(seed, Number(argv[index + 1]), count).text);
    return;
  }
  if (outIndex < 0) {
    for (const a of generateCorpus({ seed, count })) process.stdout.write(`${a.text}\n=====\n`);
    return;
  }
  const dir = argv[outIndex + 1]!;
  fs.mkdirSync(dir, { recursive: true });
  for (const a of generateCorpus({ seed, count })) fs.writeFileSync(path.join(dir, `${String(a.index).padStart(6, '0')}.txt`), a.text);
  process.stderr.write(`${count} articles written to ${dir}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
