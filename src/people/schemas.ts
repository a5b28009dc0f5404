import { z } from 'zod';
import { CursorQuery, IdNumber, LimitQuery, optionalText, text } from '../http/schemas.ts';
import { personNameKey } from './name-key.ts';

export const ListPeopleQuery = z.strictObject({
  // Names are matched on their key (letters and digits, folded): "%" or "--" would match everyone.
  q: text(200)
    .regex(/[\p{L}\p{N}]/u, 'needs a letter or digit of the name')
    .refine((q) => personNameKey(q) !== '', 'needs a letter or digit of the name')
    .optional()
    .meta({ description: 'part of the name (case, accents and punctuation ignored)' }),
  cursor: CursorQuery,
  limit: LimitQuery,
});

const Kind = z.enum(['person', 'organisation']);
const PronounInput = z.enum(['she', 'he', 'they']).nullable();
export const WikidataId = z
  .string()
  .regex(/^Q[1-9][0-9]{0,11}$/, 'a Wikidata item id: Q and digits, such as Q42')
  .nullable()
  .meta({ description: 'the Wikidata item ("Q42"); null removes it', example: 'Q42' });

/** The fields an editor sets on a person, on create and on PATCH. */
const editable = {
  description: optionalText(5000),
  kind: Kind.optional(),
  pronoun: PronounInput.optional(),
  wikidataId: WikidataId.optional(),
};

export const CreatePersonBody = z.strictObject({ name: text(200), ...editable }).meta({ id: 'CreatePerson' });

export const PatchPersonBody = z
  .strictObject({ name: text(200).optional(), ...editable })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchPerson', minProperties: 1 });

export const DeletePersonQuery = z.strictObject({
  detach: z.enum(['true', 'false']).optional().meta({ description: 'true: remove them from quotes and articles first (admins)' }),
});

export const MergeBody = z.strictObject({ into: IdNumber.meta({ description: 'the person who remains' }) }).meta({ id: 'MergePeople' });

export const SplitBody = z
  .strictObject({
    articleIds: z
      .array(IdNumber)
      .min(1)
      .max(1000)
      .meta({ description: 'the articles whose links, mentions and quotes move to the new person' }),
    name: text(200).optional().meta({ description: 'the new person’s name; the same name by default' }),
    description: optionalText(5000).meta({ description: 'tells the two apart; by default the role the first moved article gives' }),
  })
  .meta({ id: 'SplitPerson' });
