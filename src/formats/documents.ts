import { z } from 'zod';
import { ArticleStatusEnum, QuoteKindEnum } from '../http/schemas.ts';

/**
 * The standard formats as the OpenAPI document describes them, field by field, so a generated client types them
 * like the JSON representation. Fields with no value are left out (JSON-LD and ninjs state nothing rather than
 * null). The IPTC ninjs 3.1 JSON Schema itself is checked in the tests (test/formats).
 */
const Ref = z.object({ '@id': z.string() });
const DateTime = z.string().meta({ format: 'date-time' });

export const JsonLdDocument = z
  .object({
    '@context': z.literal('https://schema.org'),
    '@type': z.literal('NewsArticle'),
    '@id': z.string().meta({ description: 'this API’s URL of the article' }),
    identifier: z.string().meta({ description: 'the slug' }),
    url: z.string().optional().meta({ description: 'the source URL' }),
    headline: z.string(),
    description: z.string().optional().meta({ description: 'the standfirst' }),
    datePublished: DateTime.optional(),
    dateCreated: DateTime,
    dateModified: DateTime,
    inLanguage: z.string(),
    creativeWorkStatus: ArticleStatusEnum,
    version: z.number().int(),
    author: z.object({ '@type': z.literal('Person'), name: z.string() }).optional().meta({ description: 'the byline' }),
    publisher: z.object({ '@type': z.literal('Organization'), name: z.string() }).optional().meta({ description: 'the source name' }),
    articleBody: z.string().optional(),
    wordCount: z.number().int(),
    mentions: z.array(
      z.object({
        '@type': z.enum(['Person', 'Organization']).meta({ description: 'Organization for an organisation or document quoted as a source' }),
        '@id': z.string(),
        name: z.string(),
        jobTitle: z.string().optional().meta({ description: 'the role as written in this article (people only)' }),
        alternateName: z.array(z.string()).optional(),
        sameAs: z.string().optional().meta({ description: 'the Wikidata item’s page, when an editor has set one' }),
      }),
    ),
    hasPart: z.array(
      z.object({
        '@type': z.literal('Quotation'),
        '@id': z.string(),
        text: z.string(),
        genre: QuoteKindEnum,
        position: z.number().int().meta({ description: 'the position of the paragraph where it starts' }),
        creator: Ref.optional().meta({ description: 'the speaker (none for scare quotes)' }),
        spokenByCharacter: Ref.optional(),
        isPartOf: Ref,
      }),
    ),
    isRelatedTo: z.array(z.object({ '@type': z.literal('NewsArticle'), '@id': z.string(), headline: z.string() })).optional(),
  })
  .meta({ id: 'NewsArticleJsonLd', description: 'schema.org NewsArticle as JSON-LD: mentions (Person), hasPart (Quotation with creator/spokenByCharacter)' });

const Text = (role: string) => z.object({ role: z.literal(role), contentType: z.literal('text/plain'), value: z.string() });
const PubStatus = z.enum(['usable', 'withheld']);

const NinjsEntity = z.object({
  name: z.string(),
  rel: z.enum(['quoted', 'mentioned']),
  uri: z.string().meta({ description: 'the Wikidata item’s page when an editor has set one (ninjs has no sameAs), else the store’s own' }),
  literal: z.string().optional().meta({ description: 'the name with the role as written in this article' }),
});

export const NinjsDocument = z
  .object({
    uri: z.string(),
    type: z.literal('text'),
    profile: z.literal('news-store-article'),
    version: z.string().meta({ description: 'the article version, as text' }),
    firstCreated: DateTime,
    versionCreated: DateTime,
    contentCreated: DateTime.optional().meta({ description: 'the published date' }),
    pubStatus: PubStatus,
    language: z.string(),
    slugline: z.string(),
    by: z.string().optional(),
    headlines: z.array(Text('main')),
    descriptions: z.array(Text('summary')).optional(),
    bodies: z.array(
      z.object({
        role: z.literal('main'),
        contentType: z.enum(['text/plain', 'text/html']),
        charCount: z.number().int().optional(),
        wordCount: z.number().int().optional(),
        value: z.string().meta({ description: 'text/html: quotes as <span class="quote" data-kind data-speaker data-speaker-uri>' }),
      }),
    ),
    people: z.array(NinjsEntity).meta({ description: 'people (kind person)' }),
    organisations: z.array(NinjsEntity).optional().meta({ description: 'organisations and documents quoted as sources (kind organisation)' }),
    infoSources: z.array(z.object({ name: z.string(), role: z.literal('originating source'), uri: z.string().optional() })).optional(),
    altIds: z.array(z.object({ role: z.enum(['slug', 'id']), value: z.string() })),
    associations: z
      .array(
        z.object({
          name: z.string().meta({ description: 'the related link’s title' }),
          rel: z.literal('related'),
          uri: z.string(),
          type: z.literal('text'),
          slugline: z.string(),
          pubStatus: PubStatus,
          headlines: z.array(Text('main')),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Ninjs', description: 'IPTC ninjs 3.1 (https://www.iptc.org/std/ninjs/)' });
