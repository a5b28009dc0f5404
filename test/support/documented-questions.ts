import assert from 'node:assert/strict';
import type { Provider } from '../../src/config/database-url.ts';

/**
 * docs/analysts.md's "Example questions": a ```sql block runs on both databases, ```sql sqlite / ```sql postgresql on
 * that one (test/analysts/documented-queries.test.ts, sql-tools.test.ts).
 */
interface Question {
  number: number;
  title: string;
  queries: { dialect: Provider | 'both'; sql: string }[];
}

export function documentedQuestions(markdown: string): Question[] {
  const start = markdown.indexOf('\n## Example questions');
  const end = markdown.indexOf('\n## ', start + 1);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  return section
    .split(/\n### /)
    .slice(1)
    .map((block) => {
      const heading = /^(\d+)\. (.+)/.exec(block);
      assert.ok(heading, `a question heading must read "### N. …": ${block.slice(0, 60)}`);
      const queries = [...block.matchAll(/```sql( sqlite| postgresql)?\n([\s\S]*?)```/g)].map((m) => ({
        dialect: (m[1]?.trim() as Provider | undefined) ?? ('both' as const),
        sql: m[2]!.trim(),
      }));
      return { number: Number(heading[1]), title: heading[2]!, queries };
    });
}
