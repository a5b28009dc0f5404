import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { bumpArticleVersion } from '../articles/article-version.ts';
import { RelatedItem } from '../articles/get-article.ts';
import { Unchanged, transaction } from '../db/transaction.ts';
import { recordRevision } from '../history/record-revision.ts';
import { endpoint } from '../http/endpoint.ts';
import { IdParams } from '../http/schemas.ts';
import { loadRelated } from '../articles/get-article.ts';
import { RelatedRef, replaceRelated } from './set-related.ts';

export const ReplaceRelatedBody = z
  .strictObject({ related: z.array(RelatedRef).max(100).meta({ description: 'the whole list, in order; [] empties it' }) })
  .meta({ id: 'ReplaceRelated' });

export const replace = endpoint({
  operationId: 'replaceRelated',
  summary: 'Replace the ordered list of related articles (by id or by headline; unknown headlines become stubs)',
  tag: 'related',
  params: IdParams,
  body: { type: 'json', schema: ReplaceRelatedBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the new list', schema: z.object({ related: z.array(RelatedItem) }), etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    const { related, version } = await transaction(db, async (tx) => {
      const version = await bumpArticleVersion(tx, params.id, expected);
      const before = await loadRelated(tx, params.id);
      const related = await replaceRelated(tx, params.id, body.related, ['body', 'related']);
      const brief = (items: typeof related) => items.map((r) => ({ id: r.article.id, title: r.title }));
      if (isDeepStrictEqual(brief(before), brief(related))) return new Unchanged({ related: before, version: version - 1 });
      await recordRevision(tx, { entityType: 'article', entityId: params.id, action: 'related.replace', actor, version, before: brief(before), after: brief(related) });
      return { related, version };
    });
    return { status: 200, body: { related }, entity: { id: params.id, version } };
  },
});
