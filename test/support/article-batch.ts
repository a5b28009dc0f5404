import fs from 'node:fs';
import path from 'node:path';

const FIRST = ['Maria', 'Ama', 'Kofi', 'Li', 'Ana', 'Tomas', 'Priya', 'Omar', 'Elena', 'Jon', 'Sara', 'Ken'];
const LAST = ['Lopez', 'Mensah', 'Boateng', 'Wei', 'Ruiz', 'Novak', 'Shah', 'Haddad', 'Petrova', 'Berg', 'Costa', 'Sato'];
const ROLES = ['the city’s housing director', 'the port authority’s chief', 'a local councillor', 'the finance minister', 'a union leader'];
const TOPICS = ['housing', 'transport', 'water supply', 'schools', 'the harbour', 'energy prices', 'the budget'];

export const batchHeadline = (i: number) => `Batch report ${i} on ${TOPICS[i % TOPICS.length]}`;

/**
 * Writes `count` distinct article files (deterministic from their index): 3–6 paragraphs, two people who recur
 * across the batch (so people rows are shared and upserted), quotes, and related links to other files' headlines
 * (so stubs are made and later filled in). Returns the file paths, in order.
 */
export function writeArticleBatch(dir: string, count: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const b = `${FIRST[(i * 5 + 3) % FIRST.length]} ${LAST[(i * 3 + 1) % LAST.length]}`;
    const topic = TOPICS[i % TOPICS.length];
    const paras = [
      `${a}, ${ROLES[i % ROLES.length]}, spoke about ${topic} at a meeting on Monday, the ${i + 1}th of its kind this year.`,
      `“We will deliver what was promised on ${topic} and we will do it this year,” ${a.split(' ')[1]} said.`,
      `${b}, ${ROLES[(i + 2) % ROLES.length]}, disagreed. “The numbers in report ${i} do not add up,” ${b.split(' ')[1]} told reporters.`,
      ...Array.from({ length: i % 4 }, (_, k) => `Further detail ${k + 1} of report ${i}: figures on ${topic} were published later in the week.`),
    ];
    const related = [batchHeadline((i + 1) % count), batchHeadline((i + 11) % count)].filter((h) => h !== batchHeadline(i));
    const text = `---\nheadline: ${batchHeadline(i)}\n---\n${paras.join('\n\n')}\n\nRelated\n\n${related.join('\n')}\n`;
    const file = path.join(dir, `${String(i).padStart(4, '0')}.txt`);
    fs.writeFileSync(file, text);
    files.push(file);
  }
  return files;
}
