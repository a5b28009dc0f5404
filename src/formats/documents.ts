import { z } from 'zod';

/**
 * What the OpenAPI document says of the standard formats: their defining keys. The full contracts are the standards
 * themselves (schema.org NewsArticle; IPTC ninjs 3.1, whose official JSON Schema the tests validate against).
 */
export const JsonLdDocument = z
  .looseObject({ '@context': z.literal('https://schema.org'), '@type': z.literal('NewsArticle'), '@id': z.string(), headline: z.string() })
  .meta({ id: 'NewsArticleJsonLd', description: 'schema.org NewsArticle as JSON-LD: mentions (Person), hasPart (Quotation with creator/spokenByCharacter)' });

export const NinjsDocument = z
  .looseObject({ uri: z.string(), type: z.literal('text'), headlines: z.array(z.looseObject({ value: z.string() })) })
  .meta({ id: 'Ninjs', description: 'IPTC ninjs 3.1 (https://www.iptc.org/std/ninjs/)' });
