/**
 * Closed word classes and newsroom vocabulary the person/quote heuristics depend on. These are general English and
 * general news terms; place and organisation names come from compromise's lexicon (see lexicon.ts).
 */

const set = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Function words: never part of a name, never a role. */
export const FUNCTION_WORDS = set(`
a an the this that these those his her hers its their theirs our ours my mine your yours
i me we us you he him she they them it who whom whose which what where when why how
and or but nor so yet if then than because although though while whereas unless until since as
of in on at by for from to with without within into onto upon over under about above below after before
between among against during through throughout across along around behind beyond despite toward towards
ahead amid amidst via per plus except near off out up down
is are was were be been being am has have had having do does did will would shall should can could may might must
not no nor also too very just only even still already again ever never always often once
here there now today yesterday tomorrow meanwhile however moreover furthermore nevertheless instead
all any both each either every few many more most much neither none other others several some such
`);

/** Honorifics: mark a person, give a gender hint, but are not a role. */
export const HONORIFICS = new Map<string, 'm' | 'f' | null>([
  ['mr', 'm'], ['mr.', 'm'], ['mister', 'm'], ['sir', 'm'], ['lord', 'm'],
  ['mrs', 'f'], ['mrs.', 'f'], ['ms', 'f'], ['ms.', 'f'], ['miss', 'f'], ['dame', 'f'], ['lady', 'f'], ['madam', 'f'],
  ['mx', null], ['mx.', null], ['dr', null], ['dr.', null], ['prof', null], ['prof.', null],
  // West African and Muslim-world honorifics written before a name (Alhaji Musa Danladi, Mallam Ibrahim).
  ['alhaji', 'm'], ['alhaja', 'f'], ['hajia', 'f'], ['hajiya', 'f'], ['mallam', 'm'], ['malam', 'm'],
  // Indian honorifics (Shri K. Srinivas Goud, Smt. Lakshmi Rao) and the British councillor's (Cllr Dev Raghunathan).
  ['shri', 'm'], ['shri.', 'm'], ['smt', 'f'], ['smt.', 'f'], ['shrimati', 'f'], ['kumari', 'f'], ['cllr', null], ['cllr.', null],
  // A Catholic priest, as Irish and British papers write it (Fr Kieran O'Mahony, then Fr O'Mahony).
  ['fr', 'm'], ['fr.', 'm'],
  // Australian First Nations elders (Aunty June Oscar, Uncle Jack Charles).
  ['aunty', 'f'], ['auntie', 'f'], ['uncle', 'm'],
  // Malaysian honours and forms of address (Datuk Seri Anwar, Datin Rosmah, Puan Siti), and the Australian and New
  // Zealand councillor's (Cr Paora Hēnare).
  ['datuk', 'm'], ['dato', 'm'], ["dato'", 'm'], ['datin', 'f'], ['seri', null], ['puan', 'f'], ['encik', 'm'], ['haji', 'm'], ['hajah', 'f'],
  ['cr', null], ['cr.', null],
  // Yoruba chieftaincy titles (Otunba Biodun Adeyemi-Cole, Oba Adeyeye Ogunwusi).
  ['otunba', 'm'], ['oba', 'm'],
]);

/** Capitalised titles written before a name ("Chancellor Olaf Scholz"); they are the role as written. */
export const TITLES = set(`
president vice prime minister chancellor secretary senator sen sen. rep rep. representative congressman congresswoman
governor gov gov. mayor judge justice general gen gen. colonel col col. captain capt capt. lieutenant lt lt. sergeant sgt
sgt. admiral commander major maj maj. corporal private king queen prince princess emperor empress pope cardinal
archbishop bishop rabbi imam sheikh father reverend rev rev. pastor chief commissioner ambassador premier coach
detective inspector officer constable deputy speaker chairman chairwoman chair professor prof prof. chief-executive
ceo cfo coo cto founder co-founder cofounder director president-elect pm mp mep councilman councilwoman councillor councilor alderman
assemblyman assemblywoman taoiseach tánaiste tanaiste mec
det det. supt supt. insp insp. coun coun. cmdr cmdr. adm adm. cdr cdr. cpl cpl. pvt pvt. brig brig. sens sens. reps reps. ald ald.
`);

/** Nouns that name a position or occupation; a phrase holding one is a role. Complements compromise's Actor tag. */
export const ROLE_NOUNS = set(`
president minister secretary chancellor premier leader chief executive ceo cfo coo cto chairman chairwoman chair
chairperson director head spokesman spokeswoman spokesperson official diplomat envoy ambassador counterpart governor
shadow predecessor successor neighbour neighbor
mayor senator congressman congresswoman representative lawmaker legislator mp mep judge justice lawyer attorney
prosecutor solicitor barrister professor lecturer economist analyst strategist researcher scientist doctor surgeon nurse
coach manager striker midfielder defender goalkeeper keeper captain forward winger guard player batter batsman bowler
pitcher quarterback driver rider champion founder co-founder cofounder owner investor partner king queen prince princess
general colonel commander officer adviser advisor aide editor reporter correspondent author writer novelist poet activist
campaigner candidate nominee star singer actor actress chef banker trader fellow dean principal teacher student
president-elect secretary-general commissioner inspector detective sergeant constable superintendent administrator
pilot engineer architect designer consultant entrepreneur executive-director treasurer auditor regulator negotiator
mediator spokesmen spokeswomen ministers presidents leaders officials chancellor-elect premier-elect deputy vice
boss sheriff marshal warden rector vicar priest bishop archbishop pope cardinal rabbi imam cleric emir sultan monarch
prosecutor-general attorney-general advocate ombudsman physician epidemiologist virologist historian economist
councilman councilwoman councillor councilor alderman assemblyman assemblywoman
taoiseach tánaiste tanaiste td tds mla mlas msp msps mpp mpps mha mna mhk mec mecs
drummer librarian waitress waiter bartender cashier midwife paramedic shopkeeper caretaker presenter nominee
expert experts specialist farmer farmers forecaster fisherman fishermen worker workers scheduler clerk mechanic merchant
vendor supervisor planner organiser organizer staffer employee host anchor broadcaster commentator
member freshman sophomore pupil passenger resident volunteer survivor witness patient voter commuter tourist protester
referee umpire linesman trumpeter bandleader composer conductor songwriter producer photographer firefighter soldier
veteran landlord tenant builder plumber carpenter miner carer caregiver counsellor counselor coroner magistrate juror
defendant plaintiff claimant complainant jockey trainer sprinter swimmer boxer golfer skipper playmaker fly-half
scrum-half full-back fullback halfback flanker wicketkeeper wicket-keeper lead counsel associate pundit
`);

/**
 * Nouns only an organisation is. A capitalised name right after one is the organisation's ("the distributor VeloTrade",
 * "the consultancy Oliver Wyman": name-runs.ts), and a description headed by one describes an organisation, not a person
 * ("Majid Al Futtaim, the Dubai-based retail chain": people.ts).
 */
export const ORGANISATION_NOUNS = set(`
agency firm body charity distributor retailer lender insurer airline brokerage chain startup start-up manufacturer
newspaper website platform consultancy think-tank thinktank group company bank fund club team band label studio network
outlet supplier conglomerate supermarket exporter importer utility brand provider franchise wholesaler subsidiary unit
carmaker automaker chipmaker drugmaker steelmaker planemaker toymaker association federation foundation organisation
organization institute ngo alliance coalition society trust authority
`);
/** Nouns for a business or for a person in its trade ("the developer Meridian", "a property developer"). */
export const TRADE_NOUNS = set('developer operator producer maker broker carrier publisher broadcaster');

/** Prepositions that make a following capitalised word a place rather than a person. */
export const LOCATIVE_PREPOSITIONS = set('in at from to near into outside across around toward towards of via through within');

/** A line opening with a picture's credit: "Photo: …", "Illustration by …", "Credit: …" (masthead, captions, credits). */
export const CREDIT_LABEL = /^(?:photo(?:graph)?s?|photography|pics?|pictures?|images?|illustrations?|videos?|graphics?|credits?)(?:\s+by\b\s*:?|\s*:)/iu;

/** Verbs that attribute speech. Present tense included: features and wire copy often use "says". */
export const SPEECH_VERBS = set(`
said says say saying told tells tell telling added adds adding warned warns warning insisted insists insisting
asked asks asking wrote writes writing tweeted tweets posted posts explained explains explaining noted notes noting
argued argues arguing claimed claims claiming declared declares continued continues replied replies responded responds
answered answers recalled recalls recalling admitted admits acknowledged acknowledges conceded concedes suggested
suggests stressed stresses stressing emphasised emphasises emphasized emphasizes remarked remarks commented comments
observed observes announced announces confirmed confirms promised promises vowed vows pledged pledges predicted predicts
cautioned cautions urged urges demanded demands complained complains lamented laments joked jokes quipped quips
boasted boasts shouted shouts yelled whispered muttered exclaimed concluded concludes agreed agrees countered counters
maintained maintains contended contends asserted asserts alleged alleges reckoned reckons mused muses sighed laughed
snapped texted emailed messaged described describes called calls calling dubbed branded labelled labeled
accused accuses told recounted recounts reiterated reiterates reflected reflects acknowledging explaining described
describe describing termed terms term terming
accusing promising vowing pledging urging declaring demanding complaining predicting cautioning conceding
blamed blames estimated estimates dismissed dismisses praised praises hailed hails criticised criticized criticises
criticizes denounced denounces condemned condemns ruled
`);

/** Speech verbs whose object is the person spoken to: "Wang told Putin". */
export const ADDRESSEE_VERBS = set('told tells tell telling asked asks asking warned warns urged urges reminded reminds assured assures');

/** Words that turn a short quotation into a label rather than speech: the so-called “Trump trade”. */
export const LABEL_CUES = set('so-called dubbed termed nicknamed branded labelled labeled known called calls call phrase term word slogan motto hashtag title titled entitled');

/** Adverbs and auxiliaries that sit between a subject and its speech verb: "Wang also said", "she has repeatedly said". */
export const VERB_FILLERS = set(`
also later then previously once repeatedly recently simply reportedly publicly privately earlier again quickly finally
even never often first has had have would will had just further subsequently separately still yesterday today last
tuesday monday wednesday thursday friday saturday sunday week month year night weekend morning evening afternoon
`);

/** Words that open a clause of their own: after a quotation they continue the writer's sentence, not attribute it. */
export const CLAUSE_LINKS = set('and but or nor yet so though although while whereas because as since unless until if before after when then');

/** Lowercase words that cannot be inside a role phrase (verbs of the surrounding sentence, prepositions …). */
export const ROLE_STOP = new Set([...FUNCTION_WORDS].filter((w) => w !== 'of'));

/** Name particles allowed between capitalised name parts: Ludwig van Beethoven, Mohammed bin Salman. */
export const NAME_PARTICLES = set('de da di du del della dela der den van von ten ter bin binti binte ibn al el la le dos das do y ben bint ó ní nic uí');
/** Irish surname particles, written capitalised and standing alone: Eoin Ó Súilleabháin, Aoife Ní Bhriain. */
export const CAPITAL_PARTICLES = set('ó ní nic uí');
/** Particles also written with a capital inside a name, before the surname: Marine Le Pen, Jean-Yves Le Drian, De Niro. */
export const INNER_CAPITAL_PARTICLES = set('le la de di da del van von dela');

/** People named by what they are to someone or where they are: "her husband, Pieter", "a resident". */
export const PERSON_NOUNS = new Set(
  `husband wife son daughter mother father brother sister partner girlfriend boyfriend fiancée fiancé fiance grandson
   granddaughter grandmother grandfather uncle aunt nephew niece cousin friend neighbour neighbor colleague pupil student
   child baby boy girl widow widower resident patient customer victim volunteer mum mom dad mother-in-law father-in-law
   stepson stepdaughter`.split(/\s+/).filter(Boolean),
);

/** Clear gender words in roles: "the spokeswoman", "Queen". */
export const FEMALE_WORDS = set('spokeswoman chairwoman congresswoman businesswoman actress queen princess empress duchess countess baroness mother daughter wife sister widow woman girl grandmother aunt niece mum mom girlfriend');
export const MALE_WORDS = set('spokesman chairman congressman businessman actor king prince emperor duke count baron father son husband brother widower man boy grandfather uncle nephew dad boyfriend');

/** Multi-word places and organisations compromise's lexicon lacks and that look like "First Last" names. */
export const EXTRA_NON_PEOPLE = new Set(
  `middle east, white house, wall street, downing street, silicon valley, capitol hill, champions league, premier league,
  world cup, grand prix, formula one, super bowl, united nations, european union, security council, supreme court,
  west bank, gaza strip, red sea, south china sea, north korea, south korea, new zealand, saudi arabia, sri lanka,
  cape town, buenos aires, rio de janeiro, sao paulo, kuala lumpur, tel aviv, abu dhabi, costa rica, puerto rico,
  el salvador, hong kong, new york, new delhi, los angeles, san francisco, las vegas, st petersburg, notre dame,
  scotland yard, la liga, serie a, bundesliga, ligue 1, federal reserve, bank of england, world bank, big tech,
  black friday, cyber monday, good friday, new year, christmas eve, labor day, labour day, easter sunday, covid-19,
  artificial intelligence, climate change, prime minister, home office, foreign office, state department,
  morgan stanley, raymond james, kleiner perkins, thomson reuters, ahold delhaize, dow jones, charles schwab,
  merrill lynch, wells fargo, edward jones, baker mckenzie, clifford chance, allen overy, oliver wyman,
  bain capital, harvey nichols, dolce gabbana, louis vuitton, hugo boss, estee lauder, ralph lauren, tommy hilfiger,
  calvin klein, mercedes benz, rolls royce, aston martin, jaguar land rover, louis dreyfus`
    .split(',')
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter(Boolean),
);
