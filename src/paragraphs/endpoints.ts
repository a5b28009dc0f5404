import { z } from 'zod';
import { Paragraph } from '../articles/get-article.ts';
import { endpoint } from '../http/endpoint.ts';
import { IdParams } from '../http/schemas.ts';
import { InsertParagraphBody, ParagraphParams, PatchParagraphBody, ReorderBody } from './schemas.ts';
import { deleteParagraph, insertParagraph, reorderParagraphs, updateParagraph } from './write-paragraphs.ts';

const tag = 'paragraphs';

const EditedParagraph = Paragraph.extend({
  quotesNotFound: z
    .array(z.number().int())
    .meta({ description: 'ids of quotes starting in this paragraph whose text is no longer in it: their offsets are now null; fix or delete them' }),
}).meta({ id: 'EditedParagraph' });

export const insert = endpoint({
  operationId: 'insertParagraph',
  summary: 'Insert a paragraph at a position; later ones shift down',
  tag,
  params: IdParams,
  body: { type: 'json', schema: InsertParagraphBody },
  entity: 'article',
  ifMatch: true,
  responses: { 201: { description: 'the new paragraph; ETag is the article’s', schema: Paragraph, etag: true, location: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    const { value, version } = await insertParagraph(db, params.id, expected, body, actor);
    return { status: 201, body: value, entity: { id: params.id, version }, location: `/api/articles/${params.id}/paragraphs/${value.id}` };
  },
});

export const patch = endpoint({
  operationId: 'updateParagraph',
  summary: "Replace a paragraph's text (quotes in it are located again)",
  tag,
  params: ParagraphParams,
  body: { type: 'json', schema: PatchParagraphBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the paragraph, and the quotes in it whose words are no longer there', schema: EditedParagraph, etag: true } },
  errors: [404],
  async handle({ params, body, db, expected, actor }) {
    const { value, version } = await updateParagraph(db, params.id, params.paragraphId, expected, body.text, actor);
    return { status: 200, body: value, entity: { id: params.id, version } };
  },
});

export const remove = endpoint({
  operationId: 'deleteParagraph',
  summary: 'Delete a paragraph (and the quotes in it); the gap closes',
  description: 'An article keeps at least one paragraph: deleting its only one is a 422 (change its text, or delete the article).',
  tag,
  params: ParagraphParams,
  entity: 'article',
  ifMatch: true,
  responses: { 204: { description: 'deleted; ETag is the article’s new one', etag: true } },
  errors: [404, 422],
  async handle({ params, db, expected, actor }) {
    const version = await deleteParagraph(db, params.id, params.paragraphId, expected, actor);
    return { status: 204, entity: { id: params.id, version } };
  },
});

export const reorder = endpoint({
  operationId: 'reorderParagraphs',
  summary: 'Put the paragraphs in a new order (the full permutation of their ids)',
  tag,
  params: IdParams,
  body: { type: 'json', schema: ReorderBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the paragraphs in their new order', schema: z.object({ paragraphs: z.array(Paragraph) }), etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    const { value, version } = await reorderParagraphs(db, params.id, expected, body.order, actor);
    return { status: 200, body: { paragraphs: value }, entity: { id: params.id, version } };
  },
});
