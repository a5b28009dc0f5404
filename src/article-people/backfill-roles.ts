import type { Db } from '../db/client.ts';
import { readRole } from './role-category.ts';

const BATCH = 1000;

/**
 * Recomputes article_people.role_title and role_category from each role as written: for the rows stored before the
 * columns existed (migration 20261207182000_portable_views_and_roles), and after a change to the word lists
 * (src/article-people/roles/). Derived columns, so no version and no history. Returns how many rows it read and changed.
 */
export async function backfillRoleReadings(db: Db): Promise<{ read: number; changed: number }> {
  let read = 0;
  let changed = 0;
  for (let after = 0; ; ) {
    const rows = await db.articlePerson.findMany({
      where: { id: { gt: after } },
      select: { id: true, role: true, roleTitle: true, roleCategory: true },
      orderBy: { id: 'asc' },
      take: BATCH,
    });
    if (!rows.length) return { read, changed };
    read += rows.length;
    after = rows.at(-1)!.id;
    // One update per distinct reading in the batch, not one per row.
    const byReading = new Map<string, number[]>();
    for (const r of rows) {
      const reading = readRole(r.role);
      if (reading.roleTitle === r.roleTitle && reading.roleCategory === r.roleCategory) continue;
      const key = JSON.stringify(reading);
      byReading.set(key, [...(byReading.get(key) ?? []), r.id]);
    }
    for (const [key, ids] of byReading) {
      const data = JSON.parse(key) as ReturnType<typeof readRole>;
      changed += (await db.articlePerson.updateMany({ where: { id: { in: ids } }, data })).count;
    }
  }
}
