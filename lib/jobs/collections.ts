// The daily collections job (issue 19, item 4): which overdue invoices are due for a reminder and
// which clients for a räntefaktura, written for the overdue page to read. It only suggests: a
// reminder is emailed and a räntefaktura made when the owner says so.
import type { OperatorDb } from './queue';

export async function collectionsJob(db: OperatorDb, day: string): Promise<{ suggestions: number }> {
  const { rows } = await db.query<{ n: number }>(`select private.suggest_collections($1::date) as n`, [day]);
  return { suggestions: rows[0].n };
}
