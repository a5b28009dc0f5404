import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import request from 'supertest';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp } from '../support/http.ts';

/**
 * The served OpenAPI document as other people's tools see it: Redocly CLI's recommended rules find nothing, and
 * the typed-client example in docs/api.md compiles under `tsc --strict` against types openapi-typescript generates.
 */
const bin = (name: string) => path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
const run = (command: string, args: string[], cwd: string) => spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 180_000 });

function tsBlockAfter(file: string, heading: string): string {
  const text = fs.readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `${file} has no "${heading}"`);
  const m = /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  assert.ok(m, `no ts block after "${heading}"`);
  return m[1]!;
}

describeEachDatabase('the OpenAPI document in other tools', (ctx) => {
  let dir: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-tools-'));
    const res = await request(testApp(ctx.db, { HOST: '127.0.0.1', PORT: '3571' })).get('/api/openapi.json');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.servers.map((s: { url: string }) => s.url), ['http://127.0.0.1:3571']);
    fs.writeFileSync(path.join(dir, 'openapi.json'), JSON.stringify(res.body, null, 2));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('redocly lint (recommended rules): 0 errors, 0 warnings', () => {
    const lint = run(bin('redocly'), ['lint', '--extends=recommended', '--format=json', 'openapi.json'], dir);
    const report = JSON.parse(lint.stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    assert.deepEqual(report.totals, { ...report.totals, errors: 0, warnings: 0 }, report.problems.map((p) => `${p.ruleId}: ${p.message}`).join('\n'));
    assert.equal(lint.status, 0, lint.stderr);
  });

  test('the typed-client example in docs/api.md compiles with tsc --strict, without casts', () => {
    const example = tsBlockAfter('docs/api.md', '## A typed client (TypeScript)');
    const code = example.replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bas\s+(?!const\b)[A-Za-z{[]|<[A-Z]\w*>\s*\w|!\./, 'no casts or non-null assertions');
    const generate = run(bin('openapi-typescript'), ['openapi.json', '-o', 'api.ts'], dir);
    assert.equal(generate.status, 0, generate.stderr);
    fs.writeFileSync(path.join(dir, 'client.ts'), example);
    fs.symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', allowImportingTsExtensions: true, types: ['node'], skipLibCheck: true },
        files: ['client.ts'],
      }),
    );
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    const tsc = run(bin('tsc'), ['-p', '.'], dir);
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});
