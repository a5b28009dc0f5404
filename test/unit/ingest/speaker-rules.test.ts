/**
 * Attribution rules found by scoring the parser on real news (npm run eval:corpus; docs/parser.md), each on sentences
 * of our own: the pattern, never the corpus's text.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticle } from '../../../src/ingest/parse/index.ts';

const LEAD = 'Talks at the port stalled again on Friday.';
/** The article of LEAD then `text`, parsed. */
const read = (text: string, options?: Parameters<typeof parseArticle>[1]) => parseArticle(`${LEAD}\n\n${text}`, options);
const quote = (text: string, words: string) => {
  const a = read(text);
  const q = a.quotes.find((x) => x.text === words);
  assert.ok(q, `no quote ${JSON.stringify(words)} in ${JSON.stringify(a.quotes.map((x) => x.text))}`);
  return q;
};

test("two straight apostrophes for a double mark ('') open and close one quotation, attributed like any other", () => {
  const t = "''We have a fraught relationship,'' said Ivo Brandt, the union's former envoy. ''It will pass.''\n\nMr. Brandt said the offer was ''a disaster for everyone.'' ''Let's go,'' he said.";
  assert.equal(quote(t, 'We have a fraught relationship').speaker, 'Ivo Brandt');
  assert.equal(quote(t, 'We have a fraught relationship').verb, 'said');
  assert.equal(quote(t, 'a disaster for everyone').speaker, 'Ivo Brandt');
  const go = quote(t, "Let's go");
  assert.equal(go.kind, 'direct');
  assert.equal(go.speaker, 'Ivo Brandt');
});

test('an organisation, a document or a body quoted as a source is a speaker of kind organisation', () => {
  const t = 'Harbor Bank said the outlook was "cloudy at best."\n\n"We see no cut this year," the bank said in a statement.\n\n' +
    'The central bank said in its report that inflation was "stubborn."\n\nAccording to the NTSB, the pilot "never saw the tower."';
  const a = read(t);
  const speakers = Object.fromEntries(a.quotes.map((q) => [q.text, q.speaker]));
  assert.deepEqual(speakers, { 'cloudy at best': 'Harbor Bank', 'We see no cut this year': 'Harbor Bank', stubborn: 'central bank', 'never saw the tower': 'NTSB' });
  const orgs = a.people.filter((p) => p.kind === 'organisation');
  assert.deepEqual(orgs.map((o) => [o.name, o.paragraphs]), [['Harbor Bank', [2, 3]], ['central bank', [4]], ['NTSB', [5]]]);
});

test('a person gets the pronoun the text resolves to them; an organisation and a person never referred to get null', () => {
  const t = 'Ivo Brandt, a crane driver, said the strike would hold. "We are not moving," he said.\n\nHarbor Bank said it was "watching closely."';
  const a = read(t);
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt')?.pronoun, 'he');
  assert.equal(a.people.find((p) => p.name === 'Harbor Bank')?.pronoun, null);
});

test('explain: each quote lists the candidates weighed, the evidence with its weights, and the winner', () => {
  const t = 'Ivo Brandt told reporters the bloc\'s patience was “not unlimited”, according to two people briefed on the talks.';
  const a = read(t, { explain: true });
  const q = a.quotes.find((x) => x.text === 'not unlimited')!;
  assert.equal(q.speaker, 'Ivo Brandt');
  const e = q.explain!;
  assert.equal(e.winner, 'before');
  const after = e.candidates.find((c) => c.rule === 'after')!;
  assert.deepEqual(after.evidence.map((x) => x.id), ['set-off-then-attributed', 'according-to-sources-the-report', 'names-nobody']);
  assert.equal(after.score, 1 + 1.5 - 1 - 1.5);
  assert.equal(e.candidates.find((c) => c.rule === 'before')!.speaker, 'Ivo Brandt');
  // Without the option the parse carries no explanation.
  assert.equal(read(t).quotes[0]!.explain, undefined);
});

test('a quotation inside a sentence ending in ", NAME said" is theirs; an -ly adverb between subject and verb is skipped', () => {
  const t = '"Boots on the ground" would be the answer, candidate Ivo Brandt said after the attacks.\n\nMaria Lopez similarly warned that crews "will not wait."';
  assert.equal(quote(t, 'Boots on the ground').speaker, 'Ivo Brandt');
  assert.equal(quote(t, 'will not wait').speaker, 'Maria Lopez');
});

test('a name modifying a role before another name is not the speaker; nor is a name closing an appositive after a preposition', () => {
  const t = '"We are winning," Kowal campaign manager Maria Lopez said.\n\nIn a post, Mr. Smith, a former speechwriter for Maria Lopez, wrote: "The question is simple."\n\nJohn Smith said it was "fine."';
  assert.equal(quote(t, 'We are winning').speaker, 'Maria Lopez');
  assert.equal(quote(t, 'The question is simple').speaker, 'John Smith');
});

test('"as NAME, an appositive, put it, “…”" attributes the quotation to NAME', () => {
  const t = 'As Maria Lopez, a professor of law at the college, put it, "a compromise today may be better than a fight."';
  assert.equal(quote(t, 'a compromise today may be better than a fight').speaker, 'Maria Lopez');
});

test('in-report: quoted words near a speech verb of their sentence are a partial quotation; labels stay labels', () => {
  const t = 'The mayor talked up her "open streets," promising to close three roads by June.\n\n' +
    'The union hailed a "fair shares" deal on Monday.\n\nVisitors queued for the "Harbour Lights" parade.\n\n' +
    '<post author="harbourdesk">The board said nothing.</post>';
  const a = read(t);
  const kind = (w: string) => a.quotes.find((q) => q.text === w)?.kind;
  assert.equal(kind('open streets'), 'partial');
  // Glued to the noun a verb takes as object, a title, and a markup attribute: labels.
  assert.equal(kind('fair shares'), 'scare');
  assert.equal(kind('Harbour Lights'), 'scare');
  assert.equal(kind('harbourdesk'), 'scare');
});

test('signed-single: a lone name signing a quotation is a person though the article never names them in full', () => {
  const t = '"They took our slogan," Hale said.\n\n"It will pass," said Okonkwo. "We see no change," Reuters reported.';
  const a = read(t);
  assert.equal(quote(t, 'They took our slogan').speaker, 'Hale');
  assert.equal(quote(t, 'It will pass').speaker, 'Okonkwo');
  assert.ok(!a.people.some((p) => p.name === 'Reuters' && p.kind !== 'organisation'), 'a news agency is no person');
});

test('after: a capitalised word in an appositive does not end the subject; a nested mark closing with the double one', () => {
  const t = "“We should wait,” Ada Pell, a Fed governor, said.\n\n“We survey advertisers,” Mr. Okafor, of Bluewater Capital Markets, said.\n\n" +
    "''I think it is 'fine,''' said Senator Ivo Brandt of Ohio.";
  assert.equal(quote(t, 'We should wait').speaker, 'Ada Pell');
  assert.equal(quote(t, 'We survey advertisers').speaker, 'Okafor');
  assert.equal(quote(t, "I think it is 'fine").speaker, 'Ivo Brandt');
});

test('sentence-subject: a quotation inside a sentence whose subject is a person, with no speech verb, is theirs', () => {
  const t = 'Ada Pell, the harbour master, runs the port.\n\nPell believes in a timetable that "bends to the weather, not to the board."\n\n' +
    'The timetable on the pier showed "fewer crossings in the storm season" for the first time.';
  assert.equal(quote(t, 'bends to the weather, not to the board').speaker, 'Ada Pell');
  // A sentence whose subject is no person gives no one.
  assert.equal(quote(t, 'fewer crossings in the storm season').speaker, null);
  // A verb that takes its subject from the sentence ("went on to say") gives the subject; a finite verb with a subject of
  // its own that is nobody named ("a deckhand … said") does not.
  const u = 'Ada Pell, the harbour master, runs the port.\n\nPell went over the figures again and went on to say, "We will watch the weather every hour."\n\n' +
    'Pell praised the crews, but a deckhand who spoke later said the boats were "not fit for winter."';
  assert.equal(quote(u, 'We will watch the weather every hour').speaker, 'Ada Pell');
  assert.equal(quote(u, 'not fit for winter').speaker, null);
});

test('a month or a demonym is a name part where a speaker’s name stands, never in a date or before a noun', () => {
  const t = 'April Okafor, a spokeswoman for the port, said the cranes would run "around the clock."\n\n' +
    'In April the dockers said "no" to the offer.\n\n' +
    'Teo English, the union’s treasurer, said the fund was "nearly empty." "We will manage," English said.\n\n' +
    'The English club said "nothing yet."';
  assert.equal(quote(t, 'around the clock').speaker, 'April Okafor');
  assert.equal(quote(t, 'no').speaker, null);
  assert.equal(quote(t, 'nearly empty').speaker, 'Teo English');
  assert.equal(quote(t, 'We will manage').speaker, 'Teo English');
  assert.notEqual(quote(t, 'nothing yet').speaker, 'Teo English');
});

test('after the verb, a description and then the name it describes: the name speaks', () => {
  const t = '"The cranes are idle," said another dock worker, Ilse Varga.\n\n' +
    '"We stand by the offer," said a spokesman for Mayor Ines Duarte.\n\n' +
    '"It is a long fight," said former Harbour Master and Dockers Union Chairman Kofi Mensah.';
  assert.equal(quote(t, 'The cranes are idle').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'We stand by the offer').speaker, null);
  assert.equal(quote(t, 'It is a long fight').speaker, 'Kofi Mensah');
});

test('"X said, adding …": the -ing verb takes the named subject of the speech verb before it, not the sentence’s', () => {
  const t = 'Ilse Varga is the union’s spokeswoman. The owners and Kofi Mensah will meet next week, Varga said, adding, "Both sides want a deal."\n\n' +
    'Mensah told reporters that Varga “had a crazy plan,” adding, “She lost the room.”';
  assert.equal(quote(t, 'Both sides want a deal').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'She lost the room').speaker, 'Kofi Mensah');
});

test('a relative clause or an age and a description between the name and its verb do not end the subject', () => {
  const t = '"There is no plan," Oona Verveer, who served as the port’s chief engineer for a decade, told reporters.\n\n' +
    '"I have never seen it this quiet," Ama Boateng, 67, a retired crane operator in Tema, said.';
  assert.equal(quote(t, 'There is no plan').speaker, 'Oona Verveer');
  assert.equal(quote(t, 'I have never seen it this quiet').speaker, 'Ama Boateng');
});

test('an attribution at the end of the sentence may carry an appositive after it; "told" never opens one', () => {
  const t = '"It looks unlikely" that the talks resume, said Ilse Varga, deputy head of the dockers’ union.\n\n' +
    '"Nothing has changed," Kofi Mensah, who chairs the board, told Harbor Radio.';
  assert.equal(quote(t, 'It looks unlikely').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'Nothing has changed').speaker, 'Kofi Mensah');
});

test('a relative clause saying what someone is or was gives their role', () => {
  const a = read(`"It is a target-rich environment," said Ilse Varga, who was chief negotiator for the union.\n\n"It is hard," said Kofi Mensah, who was not involved in the talks.`);
  assert.equal(a.people.find((p) => p.name === 'Ilse Varga')?.role, 'chief negotiator for the union');
  assert.equal(a.people.find((p) => p.name === 'Kofi Mensah')?.role, null);
});

test('a short description set off after a name is a role even when its noun is in no list', () => {
  const a = read(`Paul Okafor, a salesman, says the cranes will "run again." Ama Boateng, a longtime, said "no."`);
  assert.equal(a.people.find((p) => p.name === 'Paul Okafor')?.role, 'salesman');
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role ?? null, null);
});

test('an occupation word opening a sentence before a lone surname and an appositive is a given name', () => {
  const t = 'Dean Okafor, a salesman at the terminal, says the cranes will "run again."\n\nHydrologist Beatriz Lemos said the river was "very low."';
  assert.equal(quote(t, 'run again').speaker, 'Dean Okafor');
  assert.equal(quote(t, 'very low').speaker, 'Beatriz Lemos');
});

test('an inverted "Said X, …, “…”", a day between subject and verb, "Mr." before a demonym, and "“….” X said." all name the speaker', () => {
  const t = 'Ilse Varga and Ian English met the owners.\n\n' +
    'Said Ama Boateng, who grew up near the docks, “We were all so proud of them.”\n\n' +
    'Varga, who has been negotiating for weeks, on Friday described the offer as a “slow-motion failure.”\n\n' +
    "''Part of my job is to say no,'' Mr. English said of the owners.\n\n" +
    '“If you are listening, bring the cranes back.” Varga said. The owners did not reply.';
  assert.equal(quote(t, 'We were all so proud of them').speaker, 'Ama Boateng');
  assert.equal(quote(t, 'slow-motion failure').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'Part of my job is to say no').speaker, 'Ian English');
  assert.equal(quote(t, 'If you are listening, bring the cranes back').speaker, 'Ilse Varga');
});

test('a speech verb after a possessive or an article is a noun; a compound occupation is a role noun', () => {
  const t = 'Ilse Varga and Kofi Mensah met on Monday.\n\nVarga called Mensah’s remarks a “new low” for the port.\n\n' +
    '"These are the darkest days," former Kofi Mensah speechwriter Ama Boateng wrote.';
  assert.equal(quote(t, 'new low').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'These are the darkest days').speaker, 'Ama Boateng');
});

test('a given name before a party member’s word is a place, not a person: "one Carolina Republican"', () => {
  const a = read(`"It is over," said one Carolina Republican. "It is not," said Grace Green, a dock worker.`);
  assert.deepEqual(a.people.map((p) => p.name), ['Grace Green']);
});

test('a name modifying the noun of an indefinite description is whom the speaker is for: "said an Obama aide" names no one', () => {
  const t = 'Ilse Varga spoke on Monday.\n\n"Meh," wrote a Varga supporter who runs a union account.\n\n"We will win," said union campaign manager Kofi Mensah.';
  assert.equal(quote(t, 'Meh').speaker, null);
  assert.equal(quote(t, 'We will win').speaker, 'Kofi Mensah');
});

test('a clause set off after the subject (a party tag and "who …", a participle) does not hide it; an -ing verb after "and NAME" is NAME’s', () => {
  const t = 'Ilse Varga, Kofi Mensah and Ama Boateng met.\n\n' +
    'Sen. Ama Boateng (D-Tema), who has backed Varga, said Mensah had pushed her to be "more aggressive" in the talks.\n\n' +
    'Mr. Mensah, asked about the offer made by Ms. Varga, had said, "I think the owners can do better."\n\n' +
    'Both were upbeat afterwards, Varga saying she was “very encouraged” and Mensah calling it a “great meeting.”\n\n' +
    'Boateng wrote to Kofi Mensah asking him to explain the "fiasco" at the gates.';
  assert.equal(quote(t, 'more aggressive').speaker, 'Ama Boateng');
  assert.equal(quote(t, 'I think the owners can do better').speaker, 'Kofi Mensah');
  assert.equal(quote(t, 'very encouraged').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'great meeting').speaker, 'Kofi Mensah');
  assert.notEqual(quote(t, 'fiasco').speaker, 'Kofi Mensah');
});

test('a short phrase between a name opening its clause and the verb does not hide the subject; a name inside another clause is not it', () => {
  const t = 'Ilse Varga and Kofi Mensah spoke.\n\n' +
    'The break was complete when Varga in her victory speech called the owners “wreckers.”\n\n' +
    'Mensah, in response to a question from Ilse Varga in 2015, accused her of a “penchant for theatre.”\n\n' +
    'Mensah called his anti-union remarks a “disgrace” for the port.';
  assert.equal(quote(t, 'wreckers').speaker, 'Ilse Varga');
  assert.equal(quote(t, 'penchant for theatre').speaker, 'Kofi Mensah');
  assert.equal(quote(t, 'disgrace').speaker, 'Kofi Mensah');
});

test('words quoted in the sentence right after a signed quotation, with no verb and no one else named, go on in its speaker’s voice', () => {
  const t = '“She has the same friends she had in school,” Kofi Mensah has said. That makes her “by definition a reliable person.”\n\n' +
    '“We are ready,” Ilse Varga said. Ama Boateng called the offer “a joke.”';
  assert.equal(quote(t, 'by definition a reliable person').speaker, 'Kofi Mensah');
  assert.notEqual(quote(t, 'a joke').speaker, 'Ilse Varga');
});

test('a quotation signed after a hyphen, or by the next paragraph opening with a dash and a name, is that person’s', () => {
  const t = 'Ilse Varga and Kofi Mensah spoke.\n\n"The owners pay no taxes." - Mensah. That is disputed.\n\n' +
    '"Great speech. She is ready."\n\n-Ilse Varga, writing after the meeting.';
  assert.equal(quote(t, 'The owners pay no taxes').speaker, 'Kofi Mensah');
  assert.equal(quote(t, 'Great speech. She is ready').speaker, 'Ilse Varga');
  const a = read(t, { explain: true });
  assert.equal(a.quotes.find((q) => q.text === 'Great speech. She is ready')?.explain?.winner, 'signed-below');
});

test('an organisation owning a person’s name, or a party word before it, is their role; an owner makes no one a person', () => {
  const a = read(`"It will annoy the owners," wrote Harbor Weekly’s Noah Varga.\n\n"It is time," said House Republican Kofi Mensah.\n\nJapan’s Nikkei Stock Average fell "sharply."`);
  assert.equal(a.people.find((p) => p.name === 'Noah Varga')?.role, 'Harbor Weekly');
  assert.equal(a.people.find((p) => p.name === 'Kofi Mensah')?.role, 'House Republican');
  assert.ok(!a.people.some((p) => p.name.includes('Nikkei')));
});

test('"in the words of X" attributes like "according to X"', () => {
  const t = 'Ilse Varga and Kofi Mensah spoke.\n\nShe was, in the words of Mensah, “the torchbearer” of the union.';
  assert.equal(quote(t, 'the torchbearer').speaker, 'Kofi Mensah');
  assert.equal(quote(t, 'the torchbearer').kind, 'partial');
});

test('a known surname acting as a clause’s subject twice is a person, though the article never gives the full name', () => {
  const t = 'Johnson spoke at the port on Monday.\n\nAt the evening meeting, Johnson compared the owners to landlords, saying, "They collect and never repair."';
  assert.equal(quote(t, 'They collect and never repair').speaker, 'Johnson');
});

test('"went on", "shot back", "fired back" after a quotation report speech', () => {
  const t = 'Ilse Varga and Kofi Mensah met.\n\n“Look at them,” Varga said. “They are here for the free lunch,” Mensah shot back with a laugh.\n\n' +
    '“You know, it happens,” Varga went on, as if she had not heard.';
  assert.equal(quote(t, 'They are here for the free lunch').speaker, 'Kofi Mensah');
  assert.equal(quote(t, 'They are here for the free lunch').verb, 'shot back');
  assert.equal(quote(t, 'You know, it happens').speaker, 'Ilse Varga');
});

test('a place may qualify an unlisted role noun, and a later speech-verb form ends the role without voiding it', () => {
  const a = read(`"Do they read the papers?" said Ama Boateng, a Texas superdelegate.\n\n"It is a risk," said Kofi Mensah, organizer of a group called Dockers First.`);
  assert.equal(a.people.find((p) => p.name === 'Kofi Mensah')?.role, 'organizer of a group');
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role, 'Texas superdelegate');
});

test('a generational numeral after a full name is part of it (Ivo Brandt III), never after common words (World War II)', () => {
  const t = '“We will hold,” Ivo Brandt III, founder of the dockers’ fund, told reporters.\n\nVeterans of World War II said they had seen worse. Brandt said later that the fund would pay.';
  const a = read(t);
  assert.equal(quote(t, 'We will hold').speaker, 'Ivo Brandt III');
  assert.deepEqual(a.people.map((p) => p.name), ['Ivo Brandt III']);
  assert.equal(a.people[0]!.role, 'founder of the dockers’ fund');
});

test('an appositive missing its closing comma still leaves the name opening the sentence as the subject', () => {
  const t = 'Ama Boateng, president and chief executive of the Dockers Union stated, “It is not a political problem.”\n\nIvo Brandt, the union’s new president said, “We are ready.”';
  assert.equal(quote(t, 'It is not a political problem').speaker, 'Ama Boateng');
  assert.equal(quote(t, 'We are ready').speaker, 'Ivo Brandt');
  const a = read(t);
  assert.deepEqual(a.people.map((p) => p.name), ['Ama Boateng', 'Ivo Brandt']);
});

test('a news outlet and a document noun as the subject of a speech verb are organisation speakers', () => {
  const t = 'The Harbor Gazette reported that the port was “unsafe at any speed.”\n\n“We will not back down,” Tideway News reported.\n\n' +
    'The union’s ad says the owners are “asleep at the wheel.”';
  const a = read(t);
  const speakers = Object.fromEntries(a.quotes.map((q) => [q.text, q.speaker]));
  assert.deepEqual(speakers, { 'unsafe at any speed': 'Harbor Gazette', 'We will not back down': 'Tideway News', 'asleep at the wheel': 'union’s ad' });
  assert.ok(a.people.every((p) => p.kind === 'organisation'));
});

test('a long appositive (25 words) between the name and the speech verb after a quotation still attributes it', () => {
  const t = 'Ivo Brandt, a crane driver, said the strike would hold.\n\n“Very good work, very good work by this crew,” Brandt, the union’s longest-serving negotiator nationally and its current favourite on the docks by a wide margin after winning the last two ballots, said when a reporter asked.';
  assert.equal(quote(t, 'Very good work, very good work by this crew').speaker, 'Ivo Brandt');
});

test('a name of dictionary words is a person when its surname speaks on its own elsewhere in the article', () => {
  const t = 'Al Rice’s long exile from the port ends this week.\n\nRice insisted it was “premature” to back the owners.';
  assert.equal(quote(t, 'premature').speaker, 'Al Rice');
  const open = read(`Open Streets will close the road. The plan was “premature,” the council said.`);
  assert.deepEqual(open.people.filter((p) => p.kind !== 'organisation').map((p) => p.name), []);
});

test('a person described as an adviser "to the group" is a person, not a company described by its business', () => {
  const a = read(`"Her record is a liability, not an asset," said Ama Boateng, a senior adviser to the group.`);
  assert.equal(a.quotes[0]!.speaker, 'Ama Boateng');
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role, 'senior adviser to the group');
});

test('"remembered" after a quotation attributes it like "recalled"', () => {
  assert.equal(quote('"An awful lot of dockers said no," remembered Ivo Brandt, the former spokesman.', 'An awful lot of dockers said no').speaker, 'Ivo Brandt');
});

test('"NAME of Town, State says": the state after the town’s comma is part of the affiliation, not the end of the subject', () => {
  assert.equal(quote('Ama Boateng of Columbia, South Carolina says the owners keep “doing what they do.”', 'doing what they do').speaker, 'Ama Boateng');
});

test('a lone word after a speech verb that runs on into a lower-case noun qualifies the name after it', () => {
  const a = read(`"They are wasting their last days here," said Harbour ranking member Ama Boateng.\n\n"We will appeal," said Okonkwo in a statement.`);
  assert.deepEqual(a.quotes.map((q) => q.speaker), ['Ama Boateng', 'Okonkwo']);
  assert.deepEqual(a.people.map((p) => p.name), ['Ama Boateng', 'Okonkwo']);
});

test('a horizontal bar (U+2015) is a dash like the em dash: it signs a quotation and sets off a clause', () => {
  const t = '“The most unqualified man ever to run the port.” ― Francisco Herrero\n\n“Maybe we can build a wall around the owners.” ― Ama Boateng.\n\n' +
    'The owners offered “a fair deal” ― Boateng disagreed ― and the talks went on.';
  assert.equal(quote(t, 'The most unqualified man ever to run the port').speaker, 'Francisco Herrero');
  assert.equal(quote(t, 'Maybe we can build a wall around the owners').speaker, 'Ama Boateng');
  // A name the lexicon does not know signs the quotation as well as one it does.
  assert.deepEqual(read(t).people.map((p) => p.name), ['Francisco Herrero', 'Ama Boateng']);
});

test('roles: an appositive after "Jr." and an unlisted occupation opened by a modifier that looks like a verb', () => {
  const a = read(`"We will go home," said Ivo Brandt Jr., the director of the harbour board.\n\n"It is over," said Ama Boateng, a retired letter carrier.`);
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt Jr.')?.role, 'director of the harbour board');
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role, 'retired letter carrier');
});

test('a name the lexicon does not know, in apposition to a role noun, is a person', () => {
  const a = read(`"We will go," said the union’s spokesman, Tjalling Oosterveld.`);
  assert.equal(a.quotes[0]!.speaker, 'Tjalling Oosterveld');
});

test('roles: an appositive opened by "along with" names company, and a colon ends an appositive', () => {
  const a = read(`Ivo Brandt, along with Judge Ama Boateng of the appeals court, wrote an assessment. “It is fine,” Brandt said.\n\n` +
    'For Tomas Reyes, the misgivings were mutual: Senator Kofi Mensah of Ohio drew boos. “Not today,” Reyes said.');
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt')?.role, null);
  assert.equal(a.people.find((p) => p.name === 'Tomas Reyes')?.role, null);
});

test('roles: an auxiliary ends an appositive whose closing comma is missing, and a clause after a name is no role', () => {
  const a = read(`When Ivo Brandt, the union’s campaign manager was asked about it, he laughed and said, “We’ll see.”\n\n` +
    'For Tomas Reyes, 38% of likely voters would be scared if he won. “It is fine,” Reyes said.');
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt')?.role, 'union’s campaign manager');
  assert.equal(a.people.find((p) => p.name === 'Tomas Reyes')?.role, null);
});

test('roles: a function word opening the sentence before a title is no part of the role; an acronym is', () => {
  const a = read(`Since President Ama Boateng took office, the port has grown. “It is fine,” Boateng said.\n\n` +
    'US Senator Ivo Brandt said the port was “a disgrace.”');
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role, 'President');
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt')?.role, 'US Senator');
});

test('roles: an appositive opened by a preposition or a pronoun is no role; one opened by an article or "then" is', () => {
  const a = read(`Ivo Brandt, as a teenager, worked the cranes. “It is fine,” Brandt said.\n\n` +
    'Ama Boateng, whom the mayor appointed, spoke next. “It is over,” Boateng said.\n\nKofi Mensah, then the port’s treasurer, said it was “a disgrace.”');
  assert.equal(a.people.find((p) => p.name === 'Ivo Brandt')?.role, null);
  assert.equal(a.people.find((p) => p.name === 'Ama Boateng')?.role, null);
  assert.equal(a.people.find((p) => p.name === 'Kofi Mensah')?.role, 'then the port’s treasurer');
});

test('an organisation’s quotation goes on in the next sentence of its paragraph, as a person’s does', () => {
  const t = '“We are an inclusive company,” Harbor Sports said in a statement. “Mr. Brandt has been advised that his conduct was unacceptable.”';
  assert.equal(quote(t, 'Mr. Brandt has been advised that his conduct was unacceptable').speaker, 'Harbor Sports');
});

test('a body as the subject of the clause a colon closes introduces the quotation', () => {
  const t = 'In its ruling, the Harbor Board of Appeals was conclusive in its findings: “Further discussion on this issue is unnecessary.”';
  assert.equal(quote(t, 'Further discussion on this issue is unnecessary').speaker, 'Harbor Board of Appeals');
});

test('a noun that is also a verb, after an article, is the subject of the speech verb after a quotation', () => {
  const t = '“The port’s changes add to the urgency,” the report stated.\n\n“The owners have not indicated a plan,” the release added.';
  assert.equal(quote(t, 'The port’s changes add to the urgency').speaker, 'report');
  assert.equal(quote(t, 'The owners have not indicated a plan').speaker, 'release');
});

test('a relative clause’s speech verb whose antecedent names nobody does not hide the main verb’s named subject', () => {
  const t = "Ivo Brandt, a union organiser, said the way the owners treated dockers who complained about the cranes ''would be all but disqualifying'' elsewhere.";
  assert.equal(quote(t, 'would be all but disqualifying').speaker, 'Ivo Brandt');
});

test('a trade noun that also names an occupation, before a given name and surname, is the person’s role', () => {
  const a = read(`Florida developer Mel Okafor said the plan was “absurd.”\n\nThe distributor VeloTrade said it would wait.`);
  assert.equal(a.quotes[0]!.speaker, 'Mel Okafor');
  assert.deepEqual(a.people.filter((p) => p.kind !== 'organisation').map((p) => [p.name, p.role]), [['Mel Okafor', 'Florida developer']]);
});

test('"said a description, NAME of an employer": the name set off after the description may carry its affiliation', () => {
  const t = "''The odds are better than even,'' said another leading harbour pilot, Ivo Brandt of the pilots' cooperative.";
  assert.equal(quote(t, 'The odds are better than even').speaker, 'Ivo Brandt');
});

test('a speech verb inverted after a comma, with only the name between it and the quotation, attributes it', () => {
  const t = 'Tom Okafor, a union strategist, spoke first.\n\nBecause of how the owners drew up the schedule, explained Okafor, “with this thing over by March, we lose.”\n\n' +
    'Ama Boateng, a docker, said Okafor "understood the owners better than anyone."';
  assert.equal(quote(t, 'with this thing over by March, we lose').speaker, 'Tom Okafor');
  assert.equal(quote(t, 'understood the owners better than anyone').speaker, 'Ama Boateng');
});

test('an occupational -man word is no evidence of gender: "spokesman Hope Okafor … she said"', () => {
  const t = 'Union spokesman Hope Okafor confirmed that the group was formed on its own. "They are not affiliated with the union," she said.';
  assert.equal(quote(t, 'They are not affiliated with the union').speaker, 'Hope Okafor');
});

test('"said a description, OCCUPATION NAME": an occupation may stand before the name set off after the description', () => {
  const t = '"It is about time that a docker ran this port," exhorted the rally\'s introducer, actress Ama Boateng.';
  assert.equal(quote(t, 'It is about time that a docker ran this port').speaker, 'Ama Boateng');
});

test('capitalised words after "according to" that name no person of the article name an organisation', () => {
  const a = read(`According to HarbourWatch: “The cranes have not been inspected since 2019.”\n\nIvo Brandt, a docker, was “furious,” according to Brandt.`);
  assert.deepEqual(a.quotes.map((q) => q.speaker), ['HarbourWatch', 'Ivo Brandt']);
  assert.equal(a.people.find((p) => p.name === 'HarbourWatch')?.kind, 'organisation');
});
