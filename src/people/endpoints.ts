import { z } from 'zod';
import { canSeeUnpublished } from '../auth/access.ts';
import { endpoint } from '../http/endpoint.ts';
import { IdParams, PageMeta } from '../http/schemas.ts';
import { Person, PersonDetail, personNotFound } from './person-view.ts';
import { findPersonHead, listPeople, loadPersonDetail } from './read-people.ts';
import { CreatePersonBody, DeletePersonQuery, ListPeopleQuery, MergeBody, PatchPersonBody, SplitBody } from './schemas.ts';
import { createPerson, deletePerson, mergePeople, splitPerson, updatePerson } from './write-people.ts';

const tag = 'people';

export const list = endpoint({
  operationId: 'listPeople',
  summary: 'Search people by name',
  description: 'Readers without a token see people who appear in a published article.',
  tag,
  query: ListPeopleQuery,
  responses: { 200: { description: 'a page of people, by name', schema: z.object({ data: z.array(Person), meta: PageMeta }) } },
  errors: [422],
  async handle({ query, db, principal }) {
    const limit = query.limit ?? 20;
    const { data, nextCursor } = await listPeople(db, { q: query.q, cursor: query.cursor, limit, publishedOnly: !canSeeUnpublished(principal) });
    return { status: 200, body: { data, meta: { limit, nextCursor } } };
  },
});

export const get = endpoint({
  operationId: 'getPerson',
  summary: 'A person with their articles, roles and quotes',
  tag,
  entity: 'person',
  params: IdParams,
  description: 'The ETag guards the person’s own fields (for If-Match on PATCH, DELETE, merge). Their articles and quotes change with the articles, so this GET is not conditional.',
  responses: { 200: { description: 'the person', schema: PersonDetail, etag: true } },
  errors: [404],
  async handle({ params, db, principal }) {
    const publishedOnly = !canSeeUnpublished(principal);
    if (!(await findPersonHead(db, params.id, publishedOnly))) throw personNotFound(params.id);
    const person = await loadPersonDetail(db, params.id, publishedOnly);
    return { status: 200, body: person, entity: person };
  },
});

export const create = endpoint({
  operationId: 'createPerson',
  summary: 'Add a person',
  tag,
  entity: 'person',
  body: { type: 'json', schema: CreatePersonBody },
  responses: { 201: { description: 'created', schema: Person, etag: true, location: true } },
  errors: [409, 422],
  async handle({ body, db, actor }) {
    const person = await createPerson(db, body, actor);
    return { status: 201, body: person, entity: person, location: `/api/people/${person.id}` };
  },
});

export const patch = endpoint({
  operationId: 'updatePerson',
  summary: "Change a person's name, description, kind, pronoun or Wikidata item",
  tag,
  entity: 'person',
  params: IdParams,
  body: { type: 'json', schema: PatchPersonBody },
  ifMatch: true,
  responses: { 200: { description: 'the person', schema: Person, etag: true } },
  errors: [404, 409, 422],
  async handle({ params, body, db, expected, actor }) {
    const person = await updatePerson(db, params.id, expected, body, actor);
    return { status: 200, body: person, entity: person };
  },
});

export const remove = endpoint({
  operationId: 'deletePerson',
  summary: 'Delete a person (admins); 409 while quoted or mentioned unless ?detach=true',
  tag,
  entity: 'person',
  params: IdParams,
  query: DeletePersonQuery,
  ifMatch: true,
  responses: { 204: { description: 'deleted' } },
  errors: [404, 409],
  async handle({ params, query, db, expected, actor }) {
    await deletePerson(db, params.id, expected, query.detach === 'true', actor);
    return { status: 204 };
  },
});

export const merge = endpoint({
  operationId: 'mergePeople',
  summary: 'Merge this person into another (admins): quotes, mentions and article links move',
  description: 'If-Match takes the ETag of the person being merged away (the one in the path).',
  tag,
  entity: 'person',
  params: IdParams,
  body: { type: 'json', schema: MergeBody },
  ifMatch: true,
  responses: { 200: { description: 'the person who remains', schema: PersonDetail, etag: true } },
  errors: [404, 422],
  async handle({ params, body, db, expected, actor }) {
    await mergePeople(db, params.id, body.into, expected, actor);
    const person = await loadPersonDetail(db, body.into, false);
    return { status: 200, body: person, entity: person };
  },
});

export const split = endpoint({
  operationId: 'splitPerson',
  summary: 'Split a person (admins): the chosen articles’ links, mentions and quotes move to a new person',
  description:
    'For two people the ingest took for one (the same name). If-Match takes the ETag of the person being split. The new person has the same name unless `name` is given, and a description telling the two apart. Merging the new person back undoes it.',
  tag,
  entity: 'person',
  params: IdParams,
  body: { type: 'json', schema: SplitBody },
  ifMatch: true,
  responses: { 201: { description: 'the new person', schema: PersonDetail, etag: true, location: true } },
  errors: [404, 409, 422],
  async handle({ params, body, db, expected, actor }) {
    const { id } = await splitPerson(db, params.id, body, expected, actor);
    const person = await loadPersonDetail(db, id, false);
    return { status: 201, body: person, entity: person, location: `/api/people/${id}` };
  },
});
