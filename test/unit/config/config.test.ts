import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { PROJECT_ROOT, resolveDatabaseUrl } from '../../../src/config/database-url.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { AppError } from '../../../src/errors.ts';

function refused(env: NodeJS.ProcessEnv): AppError {
  try {
    loadConfig(env);
  } catch (e) {
    assert.ok(e instanceof AppError);
    return e;
  }
  assert.fail('the configuration was accepted');
}

describe('configuration', () => {
  test('defaults: an SQLite file under data/ in the project, port 3000', () => {
    const config = loadConfig({});
    assert.equal(config.database.provider, 'sqlite');
    assert.equal(config.database.file, path.join(PROJECT_ROOT, 'data/news.db'));
    assert.equal(config.port, 3000);
  });

  test('DATABASE_URL picks the provider by scheme', () => {
    assert.equal(resolveDatabaseUrl('postgres://u@h:5432/db').provider, 'postgresql');
    assert.equal(resolveDatabaseUrl('postgresql://u@h/db').provider, 'postgresql');
    assert.equal(resolveDatabaseUrl('file:/tmp/x.db').file, '/tmp/x.db');
    assert.equal(resolveDatabaseUrl('file:./rel/x.db').file, path.join(PROJECT_ROOT, 'rel/x.db'));
  });

  test('an unknown scheme fails fast naming DATABASE_URL and the scheme', () => {
    const e = refused({ DATABASE_URL: 'mysql://root@localhost/news' });
    assert.equal(e.code, 'invalid_config');
    assert.match(e.message, /DATABASE_URL unknown scheme "mysql:"/);
    assert.deepEqual(e.issues[0]?.path, ['DATABASE_URL']);
  });

  test('a bad value names its variable', () => {
    const e = refused({ PORT: 'eighty' });
    assert.match(e.message, /PORT/);
    assert.deepEqual(e.issues.map((i) => i.path.join('.')), ['PORT']);
    assert.match(refused({ LOG_LEVEL: 'loud' }).message, /LOG_LEVEL/);
  });

  test('an empty value means unset', () => {
    assert.equal(loadConfig({ PORT: '' }).port, 3000);
  });
});
