import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/database-url.ts';

export const SAMPLE_TEXT_FILE = path.join(PROJECT_ROOT, 'prisma/seed/000_478f7331f7189e3f.txt');
export const sampleText = () => fs.readFileSync(SAMPLE_TEXT_FILE, 'utf8');

/** A small article text of our own for tests that need several distinct articles. */
export function makeArticleText(opts: { headline: string; people?: [string, string][]; related?: string[]; extra?: string }) {
  const people = opts.people ?? [['Maria Lopez', 'the city’s housing director']];
  const paras = people.map(
    ([name, role], i) =>
      `${name}, ${role}, spoke at the council meeting on Monday about plan number ${i + 1}.\n\n“We will build what the city needs and we will do it this year,” ${name.split(' ').at(-1)} said.`,
  );
  const front = `---\nheadline: ${opts.headline}\n---\n`;
  const related = opts.related?.length ? `\n\nRelated\n\n${opts.related.join('\n')}` : '';
  return `${front}${paras.join('\n\n')}${opts.extra ? `\n\n${opts.extra}` : ''}${related}\n`;
}
