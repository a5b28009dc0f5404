/**
 * A reader for the part of the Prisma schema language prisma/models.prisma uses: models and enums, fields with
 * their type, optionality, @id/@unique/@default/@map/@relation, and @@id/@@unique/@@map. Enough to describe the
 * database as analysts see it (table and column names after @map); it is not a validator — `prisma validate` is.
 * (@prisma/internals' getDMMF would do this but is not installed; the CLI bundles it out of reach.)
 */
export interface SchemaField {
  /** the Prisma field name */
  name: string;
  /** the column name (after @map) */
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  id: boolean;
  unique: boolean;
  /** for a relation field: the FK fields on this side, and the fields they reference */
  relation?: { fields: string[]; references: string[] };
  /** the `///` comment above the field */
  doc: string | null;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  compoundId: string[];
  doc: string | null;
}

export interface SchemaEnum {
  name: string;
  dbName: string;
  values: string[];
}

export interface ParsedSchema {
  models: SchemaModel[];
  enums: SchemaEnum[];
}

const BLOCK = /^(model|enum)\s+(\w+)\s*\{$/;

export function parsePrismaSchema(text: string): ParsedSchema {
  const models: SchemaModel[] = [];
  const enums: SchemaEnum[] = [];
  const lines = text.split(/\r?\n/);
  let doc: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith('///')) {
      doc.push(line.slice(3).trim());
      continue;
    }
    const m = BLOCK.exec(stripComment(line));
    if (!m) {
      if (line && !line.startsWith('//')) doc = [];
      continue;
    }
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '}'; i++) body.push(lines[i]!);
    if (m[1] === 'model') models.push(parseModel(m[2]!, body, doc.length ? doc.join(' ') : null));
    else enums.push(parseEnum(m[2]!, body));
    doc = [];
  }
  return { models, enums };
}

function parseModel(name: string, body: string[], doc: string | null): SchemaModel {
  const model: SchemaModel = { name, table: name, fields: [], compoundId: [], doc };
  let fieldDoc: string[] = [];
  for (const raw of body) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('///')) {
      fieldDoc.push(trimmed.slice(3).trim());
      continue;
    }
    const line = stripComment(trimmed);
    if (!line) continue;
    if (line.startsWith('@@')) {
      const map = /^@@map\("([^"]+)"\)/.exec(line);
      if (map) model.table = map[1]!;
      const id = /^@@id\(\[([^\]]+)\]/.exec(line);
      if (id) model.compoundId = id[1]!.split(',').map((s) => s.trim());
      continue;
    }
    const f = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
    if (!f) throw new Error(`model ${name}: cannot read the field line "${line}"`);
    const [, fieldName, type, list, optional, attrs] = f;
    const relation = /@relation\(([^)]*)\)/.exec(attrs!);
    const fields = relation && /fields:\s*\[([^\]]*)\]/.exec(relation[1]!);
    const references = relation && /references:\s*\[([^\]]*)\]/.exec(relation[1]!);
    model.fields.push({
      name: fieldName!,
      column: /@map\("([^"]+)"\)/.exec(attrs!)?.[1] ?? fieldName!,
      type: type!,
      optional: Boolean(optional),
      list: Boolean(list),
      id: /(^|\s)@id\b/.test(attrs!),
      unique: /(^|\s)@unique\b/.test(attrs!),
      ...(fields && references ? { relation: { fields: splitList(fields[1]!), references: splitList(references[1]!) } } : {}),
      doc: fieldDoc.length ? fieldDoc.join(' ') : null,
    });
    fieldDoc = [];
  }
  return model;
}

function parseEnum(name: string, body: string[]): SchemaEnum {
  const e: SchemaEnum = { name, dbName: name, values: [] };
  for (const raw of body) {
    const line = stripComment(raw.trim());
    if (!line) continue;
    const map = /^@@map\("([^"]+)"\)/.exec(line);
    if (map) e.dbName = map[1]!;
    else if (/^\w+$/.test(line)) e.values.push(line);
  }
  return e;
}

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** Drops a trailing `// comment` (not `///`, and not inside a string literal such as @default("//")). */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"' && line[i - 1] !== '\\') inString = !inString;
    if (!inString && line[i] === '/' && line[i + 1] === '/') return line.slice(0, i).trim();
  }
  return line.trim();
}

/** The columns of a model: its fields minus relation fields (those whose type is another model). */
export function columnsOf(model: SchemaModel, schema: ParsedSchema): SchemaField[] {
  const modelNames = new Set(schema.models.map((m) => m.name));
  return model.fields.filter((f) => !modelNames.has(f.type));
}
