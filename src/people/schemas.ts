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

export const CreatePersonBody = z.strictObject({ name: text(200), description: optionalText(5000) }).meta({ id: 'CreatePerson' });

export const PatchPersonBody = z
  .strictObject({ name: text(200).optional(), description: optionalText(5000) })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchPerson', minProperties: 1 });

export const DeletePersonQuery = z.strictObject({
  detach: z.enum(['true', 'false']).optional().meta({ description: 'true: remove them from quotes and articles first (admins)' }),
});

export const MergeBody = z.strictObject({ into: IdNumber.meta({ description: 'the person who remains' }) }).meta({ id: 'MergePeople' });
