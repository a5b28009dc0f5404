import { ArticlePersonView } from '../articles/get-article.ts';
import { endpoint } from '../http/endpoint.ts';
import { IdParams } from '../http/schemas.ts';
import { AddArticlePersonBody, ArticlePersonParams, PatchArticlePersonBody } from './schemas.ts';
import { addArticlePerson, removeArticlePerson, updateArticlePerson } from './write-article-people.ts';

const tag = 'people';

export const add = endpoint({
  operationId: 'addArticlePerson',
  summary: 'Add a person to an article, with their role, aliases and the paragraphs that mention them',
  description: 'The person by {"id"} or {"name"} (found by name, else created). 409 when they are in the article already.',
  tag,
  params: IdParams,
  body: { type: 'json', schema: AddArticlePersonBody },
  entity: 'article',
  ifMatch: true,
  responses: { 201: { description: 'the person as the article shows them; ETag is the article’s', schema: ArticlePersonView, etag: true } },
  errors: [404, 409, 422],
  async handle({ params, body, db, expected, actor }) {
    const { value, version } = await addArticlePerson(db, params.id, expected, body, actor);
    return { status: 201, body: value, entity: { id: params.id, version } };
  },
});

export const patch = endpoint({
  operationId: 'updateArticlePerson',
  summary: "Correct a person's role, aliases or mentioning paragraphs in one article",
  description: 'Their name is the person’s own (PATCH /api/people/:id), the same in every article.',
  tag,
  params: ArticlePersonParams,
  body: { type: 'json', schema: PatchArticlePersonBody },
  entity: 'article',
  ifMatch: true,
  responses: { 200: { description: 'the person as the article shows them', schema: ArticlePersonView, etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    const { value, version } = await updateArticlePerson(db, params.id, params.personId, expected, body, actor);
    return { status: 200, body: value, entity: { id: params.id, version } };
  },
});

export const remove = endpoint({
  operationId: 'removeArticlePerson',
  summary: 'Take a person out of one article (the person stays in the store)',
  description: 'Refused (409, naming the quotes) while a quote of the article has them as speaker or addressee.',
  tag,
  params: ArticlePersonParams,
  entity: 'article',
  ifMatch: true,
  responses: { 204: { description: 'removed; ETag is the article’s new one', etag: true } },
  errors: [404, 409],
  async handle({ params, db, expected, actor }) {
    const version = await removeArticlePerson(db, params.id, params.personId, expected, actor);
    return { status: 204, entity: { id: params.id, version } };
  },
});
