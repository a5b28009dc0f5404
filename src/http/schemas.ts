import { z } from 'zod';
import type { ZodOpenApiOverrideMeta, oas31 } from 'zod-openapi';
import { DATE_DOMAIN, inDateDomain } from '../dates.ts';
import { unstorableText } from './clean-text.ts';

/**
 * Building blocks shared by every resource's schemas. Query and path values arrive as strings: ids are parsed with
 * a pattern and bounded to PostgreSQL's int4 so a huge number is a 400, never a database error.
 */
const INT4_MAX = 2_147_483_647;

export const IdNumber = z.number().int().min(1).max(INT4_MAX);

/**
 * An integer sent as text (a path or query value): read from its digits, and described in the OpenAPI document as
 * the integer it is, with its bounds, so generated clients send numbers and a schema-valid value is never refused.
 */
export const integerText = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ override: describedAs({ type: 'integer', minimum: min, maximum: max }) });

/** For `.meta({ override })`: the document shows this schema instead of the one rendered from the parser. */
export function describedAs(schema: oas31.SchemaObject): ZodOpenApiOverrideMeta {
  return ({ jsonSchema }) => {
    for (const key of Object.keys(jsonSchema)) delete jsonSchema[key as keyof typeof jsonSchema];
    Object.assign(jsonSchema, schema);
  };
}

export const IdString = integerText(1, INT4_MAX);

/** Free text stored in the database: NUL and lone surrogates (clean-text.ts) are refused here, as a 400. */
export const text = (max: number, min = 1) => {
  const s = z
    .string()
    .min(min)
    .max(max)
    .superRefine((v, ctx) => {
      const why = unstorableText(v);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });
  // A required text of spaces only is a mistake (a headline "   " would be stored empty), not a value.
  return min > 0 ? s.regex(/\S/, 'must not be blank') : s;
};

export const optionalText = (max: number) => text(max, 0).nullable().optional();

export const IdParams = z.strictObject({ id: IdString.meta({ description: 'numeric id' }) });

export const LimitQuery = integerText(1, 100)
  .optional()
  .meta({ description: 'page size, 1–100 (default 20)' });

export const CursorQuery = text(500).optional().meta({ description: 'meta.nextCursor of the previous page' });

export const PageMeta = z
  .object({
    limit: z.number().int(),
    nextCursor: z.string().nullable().meta({ description: 'pass as ?cursor= for the next page; null on the last' }),
  })
  .meta({ id: 'PageMeta' });

export const DateTime = z.string().meta({ format: 'date-time', example: '2023-02-22T10:00:00.000Z' });

/** A date (2023-02-22) or a date-time with offset, for published dates in bodies and filters. */
export const DateInput = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be a real date, YYYY-MM-DD, or a date and time with its offset, e.g. 2026-02-03T10:00:00Z',
  })
  // The store's date domain (src/dates.ts): 9999-12-31T23:00:00-14:00 is well-formed but year 10000 in UTC.
  .refine((v) => inDateDomain(Date.parse(/T/.test(v) ? v : `${v}T00:00:00Z`)), `must be ${DATE_DOMAIN}`);

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const ArticleStatusEnum = z.enum(['draft', 'published', 'archived', 'stub']);
export const WritableStatus = z.enum(['draft', 'published', 'archived']);
export const QuoteKindEnum = z.enum(['direct', 'partial', 'scare']);

/** A person named in a write: by id (must exist) or by name (found by its name key, or created). */
export const PersonRef = z
  .union([z.strictObject({ id: IdNumber }), z.strictObject({ name: text(200) })])
  .meta({ id: 'PersonRef', description: '{"id": 12} or {"name": "Wang Yi"} (found by name, else created)' });

export const toIso = (d: Date | null): string | null => (d ? d.toISOString() : null);
