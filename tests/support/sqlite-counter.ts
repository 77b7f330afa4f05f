// A child process for tests/db.sqlite-writers.test.ts: adds one to a counter, read then write in one
// transaction, as many times as asked, on the SQLite file it is given.

import { sql } from 'kysely';
import { openDatabase } from '../../src/db/engine.js';

const [file, times] = process.argv.slice(2);
if (file === undefined || times === undefined) throw new Error('usage: sqlite-counter FILE TIMES');
const db = openDatabase({ engine: 'sqlite', file });
try {
  for (let i = 0; i < Number(times); i++) {
    await db.kysely.transaction().execute(async (trx) => {
      const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
      // Yield between the read and the write, as a service does between its queries.
      await new Promise((resolve) => setImmediate(resolve));
      await sql`update counter set n = ${(rows[0]?.n ?? 0) + 1}`.execute(trx);
    });
  }
} finally {
  await db.close();
}
