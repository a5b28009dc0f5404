import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choosePerson, roleHeads, rolesAgree } from '../../../src/people/identity.ts';

test('roles agree on a shared head noun, an abbreviation of it, or when one role is all in the other', () => {
  const agree: [string, string][] = [
    ['chief economist at Harbor Bank', 'economist'],
    ['Sen.', 'Senator'],
    ['senator from Ohio', 'former senator'],
    ['Acme CEO', 'chief executive of Acme'],
    ['chairman and chief executive of Acme', 'Acme chairwoman'],
    ['Harbor Bank', 'economist at Harbor Bank'],
    ['President-elect', 'president'],
    ['Chinese Foreign Minister', 'foreign minister of China'],
    ['China’s top diplomat', 'Chinese Foreign Minister'],
  ];
  for (const [a, b] of agree) assert.ok(rolesAgree(a, b) && rolesAgree(b, a), `${a} ~ ${b}`);
  const conflict: [string, string][] = [
    ['emergency physician at St. Luke’s Hospital', 'currency strategist at Harbor Bank'],
    ['senator', 'prosecutor'],
    ['economist at Harbor Bank', 'spokesman for Harbor Bank'],
    ['senator from New York', 'prosecutor in New York'],
  ];
  for (const [a, b] of conflict) assert.ok(!rolesAgree(a, b) && !rolesAgree(b, a), `${a} ≁ ${b}`);
  assert.deepEqual([...roleHeads('attorney general of Ohio')], ['attorney']);
});

test('a name joins the candidate whose role agrees, else one with nothing against it, the oldest on a tie; else nobody', () => {
  const physician = { id: 1, kind: 'person' as const, roles: ['emergency physician'] };
  const strategist = { id: 2, kind: 'person' as const, roles: ['currency strategist'] };
  const unknown = { id: 3, kind: 'person' as const, roles: [] };
  const bank = { id: 4, kind: 'organisation' as const, roles: [] };
  assert.equal(choosePerson([physician, strategist], { kind: 'person', role: 'a currency strategist at Harbor Bank' }), strategist);
  assert.equal(choosePerson([physician, strategist], { kind: 'person', role: 'senator' }), null);
  assert.equal(choosePerson([physician, unknown, strategist], { kind: 'person', role: 'senator' }), unknown, 'nothing is known against the unknown one');
  assert.equal(choosePerson([unknown, strategist], { kind: 'person', role: 'strategist' }), strategist, 'agreement outweighs no evidence');
  assert.equal(choosePerson([strategist, physician], { kind: 'person', role: null }), strategist, 'no role: the oldest');
  assert.equal(choosePerson([bank], { kind: 'person', role: null }), null, 'an organisation is never a person');
  assert.equal(choosePerson([physician, bank], { kind: 'organisation', role: null }), bank);
  assert.equal(choosePerson([], { kind: 'person', role: null }), null);
});
