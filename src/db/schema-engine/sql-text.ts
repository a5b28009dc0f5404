// Small, conservative SQL text helpers: used only to decide how to run a script, never to rewrite it.

/** The script without comments, string literals and dollar-quoted bodies (function bodies contain BEGIN/END). */
export function stripSqlNoise(script: string): string {
  return script
    .replace(/\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** Does the script manage its own transaction? Then wrapping it in ours would fail or be meaningless. */
export function hasTransactionControl(script: string): boolean {
  return /(^|;)\s*(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(stripSqlNoise(script));
}

/** Does a SQLite script switch foreign keys off (Prisma's table-redefinition migrations do)? */
/** Does the script drop this trigger itself? (then a table redefinition must not bring it back) */
export function dropsTrigger(script: string, name: string): boolean {
  const quoted = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`DROP\\s+TRIGGER\\s+(IF\\s+EXISTS\\s+)?(main\\.)?["\`\\[]?${quoted}["\`\\]]?(\\s|;|$)`, 'i').test(stripSqlNoise(script));
}

export function disablesForeignKeys(script: string): boolean {
  return /PRAGMA\s+foreign_keys\s*=\s*(OFF|0|false|no)\b/i.test(stripSqlNoise(script));
}
