import { z } from 'zod';
import { CursorQuery, IdNumber, IdString, LimitQuery, PersonRef, QuoteKindEnum, optionalText, text } from '../http/schemas.ts';

export const QuoteParams = z.strictObject({ quoteId: IdString });

export const ListQuotesQuery = z.strictObject({
  speaker: IdString.optional().meta({ description: 'person id of the speaker' }),
  article: IdString.optional().meta({ description: 'article id' }),
  kind: QuoteKindEnum.optional(),
  q: text(200).optional().meta({ description: 'full-text search in the quote (same syntax as /api/search)' }),
  cursor: CursorQuery,
  limit: LimitQuery,
});

const Offset = z.number().int().min(0).max(10_000_000).nullable().optional();

export const CreateQuoteBody = z
  .strictObject({
    paragraphId: IdNumber.optional().meta({ description: 'the paragraph where the quote starts (or give `paragraph`)' }),
    paragraph: IdNumber.optional().meta({ description: 'its position instead of its id' }),
    text: text(100_000),
    kind: QuoteKindEnum,
    speaker: PersonRef.nullable().optional(),
    addressee: PersonRef.nullable().optional(),
    verb: optionalText(100),
    startOffset: Offset.meta({ description: 'default: where the text is found in the paragraph' }),
    endOffset: Offset,
    paragraphSpan: z.number().int().min(1).max(100).optional(),
  })
  .meta({ id: 'CreateQuote' });
export type CreateQuoteBody = z.infer<typeof CreateQuoteBody>;

export const PatchQuoteBody = z
  .strictObject({
    paragraphId: IdNumber.optional(),
    text: text(100_000).optional(),
    kind: QuoteKindEnum.optional(),
    speaker: PersonRef.nullable().optional().meta({ description: 'null removes the speaker' }),
    addressee: PersonRef.nullable().optional(),
    verb: optionalText(100),
    startOffset: Offset,
    endOffset: Offset,
    paragraphSpan: z.number().int().min(1).max(100).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'send at least one field to change')
  .meta({ id: 'PatchQuote', minProperties: 1 });
export type PatchQuoteBody = z.infer<typeof PatchQuoteBody>;

/** A named rule: a new quote says where it starts, by paragraph id or by position — one of the two. */
export function oneParagraphReference(b: CreateQuoteBody) {
  const given = Number(b.paragraphId !== undefined) + Number(b.paragraph !== undefined);
  return given === 1 ? [] : [{ path: ['body', 'paragraphId'], message: 'give exactly one of paragraphId or paragraph' }];
}
