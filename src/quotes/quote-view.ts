import { z } from 'zod';
import { QuoteKindEnum } from '../http/schemas.ts';

export const PersonName = z.object({ id: z.number().int(), name: z.string() }).meta({ id: 'PersonName' });

export const Quote = z
  .object({
    id: z.number().int(),
    articleId: z.number().int(),
    paragraphId: z.number().int(),
    paragraphPosition: z.number().int().meta({ description: 'position of the paragraph where the quote starts' }),
    text: z.string(),
    kind: QuoteKindEnum,
    speaker: PersonName.nullable(),
    addressee: PersonName.nullable(),
    verb: z.string().nullable(),
    startOffset: z.number().int().nullable().meta({ description: 'UTF-16 offset in the starting paragraph; null when unknown' }),
    endOffset: z.number().int().nullable(),
    paragraphSpan: z.number().int(),
  })
  .meta({ id: 'Quote' });

export type Quote = z.infer<typeof Quote>;

export const quoteSelect = {
  id: true,
  articleId: true,
  paragraphId: true,
  text: true,
  kind: true,
  verb: true,
  startOffset: true,
  endOffset: true,
  paragraphSpan: true,
  paragraph: { select: { position: true } },
  speaker: { select: { id: true, name: true } },
  addressee: { select: { id: true, name: true } },
} as const;

interface QuoteRow {
  id: number;
  articleId: number;
  paragraphId: number;
  text: string;
  kind: 'direct' | 'partial' | 'scare';
  verb: string | null;
  startOffset: number | null;
  endOffset: number | null;
  paragraphSpan: number;
  paragraph: { position: number };
  speaker: { id: number; name: string } | null;
  addressee: { id: number; name: string } | null;
}

export function toQuote(row: QuoteRow): Quote {
  const { paragraph, ...rest } = row;
  return { ...rest, paragraphPosition: paragraph.position };
}

/** Where a single-paragraph quote sits in its paragraph: the first occurrence, or null offsets when not found. */
export function locateQuote(paragraphText: string, quoteText: string): { startOffset: number | null; endOffset: number | null } {
  const at = paragraphText.indexOf(quoteText);
  return at < 0 ? { startOffset: null, endOffset: null } : { startOffset: at, endOffset: at + quoteText.length };
}
