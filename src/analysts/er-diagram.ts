import { type ParsedSchema, columnsOf } from './prisma-schema.ts';

/**
 * The Mermaid ER diagram of the database as analysts query it: tables and columns by their SQL names, keys, and one
 * line per foreign key (parent ||--o{ child, or |o--o{ when the key is nullable), labelled with the key column.
 * Generated from prisma/models.prisma (scripts/generate-er-diagram.ts); a test fails when docs/analysts.md differs.
 */
const SQL_TYPES: Record<string, string> = {
  Int: 'int',
  BigInt: 'bigint',
  String: 'text',
  Boolean: 'boolean',
  DateTime: 'timestamp',
  Json: 'json',
  Float: 'float',
  Decimal: 'decimal',
  Bytes: 'bytes',
};

export function erDiagram(schema: ParsedSchema): string {
  const enums = new Map(schema.enums.map((e) => [e.name, e.dbName]));
  const tableOf = new Map(schema.models.map((m) => [m.name, m.table]));
  const out = ['erDiagram'];
  for (const model of schema.models) {
    const fkColumns = new Set(model.fields.flatMap((f) => f.relation?.fields ?? []));
    out.push(`    ${model.table} {`);
    for (const col of columnsOf(model, schema)) {
      const keys = [
        col.id || model.compoundId.includes(col.name) ? 'PK' : null,
        fkColumns.has(col.name) ? 'FK' : null,
        col.unique ? 'UK' : null,
      ].filter(Boolean);
      const type = enums.get(col.type) ?? SQL_TYPES[col.type] ?? col.type;
      const comment = col.optional ? ' "nullable"' : '';
      out.push(`        ${type} ${col.column}${keys.length ? ` ${keys.join(', ')}` : ''}${comment}`);
    }
    out.push('    }');
  }
  for (const model of schema.models) {
    for (const field of model.fields) {
      if (!field.relation) continue;
      const columns = field.relation.fields.map((name) => model.fields.find((f) => f.name === name)!);
      const nullable = columns.some((c) => c.optional);
      out.push(`    ${tableOf.get(field.type)} ${nullable ? '|o' : '||'}--o{ ${model.table} : "${columns.map((c) => c.column).join(', ')}"`);
    }
  }
  return out.join('\n');
}

export const ER_BEGIN = '<!-- er-diagram:begin — generated from prisma/models.prisma by `npm run docs:er-diagram`; do not edit -->';
export const ER_END = '<!-- er-diagram:end -->';

/** The markdown with the block between the markers replaced by the diagram. */
export function withDiagram(markdown: string, diagram: string): string {
  const begin = markdown.indexOf(ER_BEGIN);
  const end = markdown.indexOf(ER_END);
  if (begin < 0 || end < begin) throw new Error(`the markers ${ER_BEGIN} … ${ER_END} are missing`);
  return `${markdown.slice(0, begin + ER_BEGIN.length)}\n\`\`\`mermaid\n${diagram}\n\`\`\`\n${markdown.slice(end)}`;
}
