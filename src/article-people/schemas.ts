import { z } from 'zod';
import { IdNumber, IdString, PersonRef, optionalText, text } from '../http/schemas.ts';

export const ArticlePersonParams = z.strictObject({ id: IdString, personId: IdString.meta({ description: 'the person id' }) });

const fields = {
  role: optionalText(500).meta({ description: 'the role as written in this article; null for none' }),
  aliases: z.array(text(200)).max(50).optional().meta({ description: 'the other names this article uses for them (replaces the list)' }),
  paragraphs: z.array(IdNumber).max(5000).optional().meta({ description: 'positions of the paragraphs that mention them (replaces the list)' }),
};

export const AddArticlePersonBody = z.strictObject({ person: PersonRef, ...fields }).meta({ id: 'AddArticlePerson' });
export type AddArticlePersonBody = z.infer<typeof AddArticlePersonBody>;

export const PatchArticlePersonBody = z
  .strictObject(fields)
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchArticlePerson', minProperties: 1 });
export type PatchArticlePersonBody = z.infer<typeof PatchArticlePersonBody>;
