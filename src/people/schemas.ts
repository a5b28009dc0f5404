import { z } from 'zod';
import { CursorQuery, IdNumber, LimitQuery, optionalText, text } from '../http/schemas.ts';

export const ListPeopleQuery = z.strictObject({
  q: text(200).optional().meta({ description: 'part of the name (case and accents ignored)' }),
  cursor: CursorQuery,
  limit: LimitQuery,
});

export const CreatePersonBody = z.strictObject({ name: text(200), description: optionalText(5000) }).meta({ id: 'CreatePerson' });

export const PatchPersonBody = z
  .strictObject({ name: text(200).optional(), description: optionalText(5000) })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchPerson' });

export const DeletePersonQuery = z.strictObject({
  detach: z.enum(['true', 'false']).optional().meta({ description: 'true: remove them from quotes and articles first (admins)' }),
});

export const MergeBody = z.strictObject({ into: IdNumber.meta({ description: 'the person who remains' }) }).meta({ id: 'MergePeople' });
