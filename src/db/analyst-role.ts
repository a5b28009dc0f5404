import pg from 'pg';
import { AppError } from '../errors.ts';

/**
 * A PostgreSQL role for analysts (docs/analysts.md): it can connect, read every table and view, and change nothing —
 * no write privilege, and its sessions are read-only by default as a second guard. `api_tokens`, `accounts`,
 * `account_sessions` and `webhook_endpoints` are withheld: password and token hashes and signing secrets are
 * credentials. Tables created later by the migrating user are readable too (default privileges).
 * Idempotent: running it again re-applies the grants (after a migration, or to set a new password).
 */
export interface AnalystRoleOptions {
  role?: string;
  password?: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function analystRoleSql(database: string, { role = 'analyst', password }: AnalystRoleOptions, escapeLiteral: (s: string) => string): string {
  if (!ROLE_NAME.test(role)) throw new AppError('bad_request', `The role name "${role}" must be lower-case letters, digits and _`);
  const r = `"${role}"`;
  return [
    // CREATE ROLE has no IF NOT EXISTS.
    `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    `ALTER ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION${password ? ` PASSWORD ${escapeLiteral(password)}` : ''}`,
    `ALTER ROLE ${r} SET default_transaction_read_only = on`,
    `GRANT CONNECT ON DATABASE "${database.replaceAll('"', '""')}" TO ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE ALL ON "api_tokens" FROM ${r}`,
    `REVOKE ALL ON "accounts" FROM ${r}`,
    `REVOKE ALL ON "account_sessions" FROM ${r}`,
    // Webhook signing secrets are credentials too.
    `REVOKE ALL ON "webhook_endpoints" FROM ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${r}`,
  ].join(';\n');
}

/** Creates or refreshes the role on the database `url` names (connected as its owner or a superuser). */
export async function createAnalystRole(url: string, options: AnalystRoleOptions = {}): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
    await client.query(analystRoleSql(rows[0]!.db, options, (s) => client.escapeLiteral(s)));
  } finally {
    await client.end();
  }
}

/** Removes the role's grants in this database and the role itself (it must hold grants in no other database). */
export async function dropAnalystRole(url: string, role = 'analyst'): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new AppError('bad_request', `The role name "${role}" must be lower-case letters, digits and _`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN DROP OWNED BY "${role}"; DROP ROLE "${role}"; END IF; END $$`);
  } finally {
    await client.end();
  }
}
