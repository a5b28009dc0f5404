// `schema-engine cli <command>`: the CLI runs these one-shot before most commands (`can-connect-to-database`, and
// `create-database` when that answered P1003). Errors go to stderr as the native engine's JSON log lines: the CLI
// skips the first stderr line and reads `fields.error_code` / `fields.message` of the ERROR line.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOfUrl, type DatasourceParam } from './adapter-factory.ts';
import { EngineError } from './errors.ts';
import { quoteIdent, withDatabase } from './postgres-adapter.ts';
import { sqlitePath } from './sqlite-adapter.ts';

export type { DatasourceParam };

const COMMANDS = ['can-connect-to-database', 'create-database', 'drop-database'] as const;

export async function runCliCommand(command: string | undefined, datasource: DatasourceParam | undefined): Promise<number> {
  try {
    if (!COMMANDS.includes(command as (typeof COMMANDS)[number])) {
      throw new EngineError(`Unknown cli command "${command ?? ''}" (known: ${COMMANDS.join(', ')}).`);
    }
    const url = datasource?.url;
    if (!url) throw new EngineError('The cli commands need --datasource {"url": …}.');
    if (command === 'can-connect-to-database') await canConnect(url);
    else if (command === 'create-database') await createDatabase(url);
    else await dropDatabase(url);
    return 0;
  } catch (error) {
    const code = error instanceof EngineError ? error.errorCode : undefined;
    const message = error instanceof Error ? error.message : String(error);
    const line = (level: string, fields: Record<string, unknown>) =>
      JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' });
    // No trailing newline: the CLI parses every line after the first as JSON.
    process.stderr.write(
      `${line('INFO', { message: `schema-engine shim: cli ${command ?? ''}` })}\n${line('ERROR', { message, ...(code ? { error_code: code } : {}) })}`,
    );
    return 1;
  }
}

export async function canConnect(url: string): Promise<void> {
  if (providerOfUrl(url) === 'sqlite') {
    const file = sqlitePath(url);
    if (!existsSync(file)) {
      throw new EngineError(`Database ${path.basename(file)} does not exist at ${file}`, 'P1003');
    }
    const db = new Database(file, { fileMustExist: true, readonly: true, timeout: 5000 });
    try {
      db.prepare('SELECT 1').get();
    } finally {
      db.close();
    }
    return;
  }
  await withClient(url, async () => {});
}

/** Creates the database and returns its name. */
export async function createDatabase(url: string): Promise<string> {
  if (providerOfUrl(url) === 'sqlite') {
    const file = sqlitePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    new Database(file).close();
    return path.basename(file);
  }
  const name = databaseName(url);
  await withClient(withDatabase(url, 'postgres'), (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return name;
}

async function dropDatabase(url: string): Promise<void> {
  if (providerOfUrl(url) === 'sqlite') {
    const file = sqlitePath(url);
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return;
  }
  const name = databaseName(url);
  await withClient(withDatabase(url, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  );
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** Connects, runs `fn`, closes; translates connection failures into the P1xxx errors the CLI knows. */
async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 10_000 });
  const where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
  try {
    await client.connect();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '3D000') {
      throw new EngineError(`Database \`${databaseName(url)}\` does not exist on the database server at \`${where}\`.`, 'P1003');
    }
    if (code === '28P01' || code === '28000') {
      throw new EngineError(
        `Authentication failed against database server at \`${where}\`, the provided database credentials for \`${decodeURIComponent(parsed.username)}\` are not valid.`,
        'P1000',
      );
    }
    throw new EngineError(`Can't reach database server at \`${where}\`: ${(error as Error).message}`, 'P1001');
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}
