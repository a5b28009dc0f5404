import { z } from 'zod';
import { IdNumber, IdString, text } from '../http/schemas.ts';

export const ParagraphParams = z.strictObject({ id: IdString, paragraphId: IdString });

export const InsertParagraphBody = z
  .strictObject({
    text: text(100_000),
    position: IdNumber.optional().meta({ description: 'where it goes (1 = first); later paragraphs shift down. Default: at the end' }),
  })
  .meta({ id: 'InsertParagraph' });

export const PatchParagraphBody = z.strictObject({ text: text(100_000) }).meta({ id: 'PatchParagraph' });

export const ReorderBody = z
  .strictObject({
    order: z.array(IdNumber).min(1).max(5000).meta({ description: 'every paragraph id of the article, in the new order' }),
  })
  .meta({ id: 'ReorderParagraphs' });
