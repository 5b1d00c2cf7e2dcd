import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, defaultMigrationsDir, migrate, MigrationError } from './migrate.js';
import { openDb } from './open.js';
import { openTestDb, ALL_TEST_BACKENDS, TEST_PG_URL, type TestDb } from './db.test-support.js';
import { UnsafeIntegerError } from './int8.js';

describe.each(ALL_TEST_BACKENDS)('Db on %s', (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(kind);
    await t.db.exec('CREATE TABLE kv (k text PRIMARY KEY, v bigint NOT NULL)');
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('returns BIGINT, sums cast to BIGINT and counts as numbers', async () => {
    await t.db.query('INSERT INTO kv (k, v) VALUES ($1, $2), ($3, $4)', [
      'n:a',
      9_007_199_254_740_000,
      'n:b',
      991,
    ]);
    const [row] = await t.db.query<{ s: number; c: number; big: number }>(
      "SELECT sum(v)::bigint AS s, count(*) AS c, max(v) AS big FROM kv WHERE k LIKE 'n:%'",
    );
    expect(row).toEqual({ s: Number.MAX_SAFE_INTEGER, c: 2, big: 9_007_199_254_740_000 });
  });

  it('refuses a BIGINT beyond 2^53 instead of rounding it', async () => {
    await expect(t.db.query("SELECT '9007199254740993'::bigint AS v")).rejects.toThrow(
      UnsafeIntegerError,
    );
  });

  it('takes array parameters (one multi-row statement)', async () => {
    const keys = Array.from({ length: 500 }, (_, i) => `arr:${i}`);
    const vals = keys.map((_, i) => i);
    const rows = await t.db.query<{ k: string }>(
      'INSERT INTO kv (k, v) SELECT * FROM unnest($1::text[], $2::bigint[]) RETURNING k',
      [keys, vals],
    );
    expect(rows).toHaveLength(500);
    const [sum] = await t.db.query<{ s: number }>(
      "SELECT sum(v)::bigint AS s FROM kv WHERE k LIKE 'arr:%'",
    );
    expect(sum?.s).toBe((499 * 500) / 2);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await t.db.tx(async (q) => {
      await q.query('INSERT INTO kv VALUES ($1, 1)', ['tx:commit']);
    });
    await expect(
      t.db.tx(async (q) => {
        await q.query('INSERT INTO kv VALUES ($1, 1)', ['tx:rollback']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const rows = await t.db.query<{ k: string }>("SELECT k FROM kv WHERE k LIKE 'tx:%' ORDER BY k");
    expect(rows.map((r) => r.k)).toEqual(['tx:commit']);
  });

  it("txStatements: each statement's rows in order, all committed; a failing one rolls back the others", async () => {
    const rows = await t.db.txStatements([
      { sql: 'INSERT INTO kv VALUES ($1, $2) RETURNING v', params: ['st:a', 7] },
      { sql: 'INSERT INTO kv VALUES ($1, 8)', params: ['st:b'] },
      { sql: "SELECT k FROM kv WHERE k LIKE 'st:%' ORDER BY k" },
    ]);
    expect(rows).toEqual([[{ v: 7 }], [], [{ k: 'st:a' }, { k: 'st:b' }]]);
    await expect(
      t.db.txStatements([
        { sql: 'INSERT INTO kv VALUES ($1, 1)', params: ['st:c'] },
        { sql: 'INSERT INTO kv VALUES ($1, 1)', params: ['st:a'] }, // duplicate key
        { sql: 'INSERT INTO kv VALUES ($1, 1)', params: ['st:d'] },
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    const after = await t.db.query<{ k: string }>(
      "SELECT k FROM kv WHERE k LIKE 'st:%' ORDER BY k",
    );
    expect(after.map((r) => r.k)).toEqual(['st:a', 'st:b']);
  });

  it('re-runs a transaction that hit a serialization failure', async () => {
    let calls = 0;
    const out = await t.db.tx(async (q) => {
      calls++;
      await q.query('INSERT INTO kv VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v', [
        'retry',
        calls,
      ]);
      if (calls === 1)
        throw Object.assign(new Error('could not serialize access'), { code: '40001' });
      return calls;
    });
    expect(out).toBe(2);
    const [row] = await t.db.query<{ v: number }>("SELECT v FROM kv WHERE k = 'retry'");
    expect(row?.v).toBe(2);
  });

  it('records each migration once and applies nothing the second time', async () => {
    const migrations = await loadMigrations(defaultMigrationsDir());
    expect(migrations.length).toBeGreaterThan(0);
    expect(await migrate(t.db, migrations)).toEqual([]);
    const rows = await t.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const [first, ...rest] = await loadMigrations(defaultMigrationsDir());
    if (!first) throw new Error('no migrations');
    await expect(
      migrate(t.db, [{ ...first, sql: `${first.sql}\n-- edited`, checksum: 'edited' }, ...rest]),
    ).rejects.toThrow(MigrationError);
  });
});

describe.each(['main-thread', 'worker'] as const)('Db on pglite (%s): one connection', (pglite) => {
  it('keeps a plain query out of an open transaction', async () => {
    const db = await openDb({ pglite });
    try {
      await db.exec('CREATE TABLE one (k text PRIMARY KEY)');
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const tx = db.tx(async (q) => {
        await q.query("INSERT INTO one VALUES ('a')");
        entered();
        await gate;
        await q.query("INSERT INTO one VALUES ('b')");
      });
      await inside;
      const seen = db.query<{ n: number }>('SELECT count(*) AS n FROM one');
      open();
      await tx;
      // The query waited for the transaction: it saw both rows, never the half-done state.
      expect((await seen)[0]?.n).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('close is idempotent', async () => {
    const db = await openDb({ pglite });
    await Promise.all([db.close(), db.close()]);
    await db.close();
  });

  it('refuses a database url that is not PostgreSQL', async () => {
    await expect(openDb({ url: 'mysql://localhost/x' })).rejects.toThrow(/postgres/);
  });
});

describe('Db on postgres: replicas', () => {
  it('two replicas migrating the same fresh schema at once apply each migration once', async () => {
    const a = await openTestDb('postgres');
    try {
      // a second replica on the same schema, and a third racing it
      const schemaRow = await a.db.query<{ s: string }>('SELECT current_schema() AS s');
      const schema = schemaRow[0]?.s ?? '';
      const fresh = `${schema}_b`;
      const [x, y] = await Promise.all([
        openDb({ url: TEST_PG_URL, schema: fresh }),
        openDb({ url: TEST_PG_URL, schema: fresh }),
      ]);
      try {
        const rows = await x.query<{ version: number; n: number }>(
          'SELECT version, count(*) AS n FROM schema_migrations GROUP BY version',
        );
        expect(rows.every((r) => r.n === 1)).toBe(true);
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await x.query(`DROP SCHEMA "${fresh}" CASCADE`);
        await Promise.all([x.close(), y.close()]);
      }
    } finally {
      await a.dispose();
    }
  });

  it('serializable transactions that conflict are retried until both commit', async () => {
    const t = await openTestDb('postgres');
    try {
      await t.db.exec(
        'CREATE TABLE acc (id int PRIMARY KEY, total bigint NOT NULL); INSERT INTO acc VALUES (1, 0), (2, 0);',
      );
      // Both read both rows, then each writes one: a classic write-skew the database must break.
      let arrived = 0;
      let release!: () => void;
      const barrier = new Promise<void>((r) => (release = r));
      let attempts = 0;
      const run = (id: number) =>
        t.db.tx(
          async (q) => {
            attempts++;
            const [sum] = await q.query<{ s: number }>('SELECT sum(total)::bigint AS s FROM acc');
            if (++arrived === 2) release();
            if (arrived <= 2) await barrier;
            await q.query('UPDATE acc SET total = $2 WHERE id = $1', [id, (sum?.s ?? 0) + 1]);
          },
          { isolation: 'serializable' },
        );
      await Promise.all([run(1), run(2)]);
      expect(attempts).toBeGreaterThan(2); // one of them was re-run
      const rows = await t.db.query<{ id: number; total: number }>(
        'SELECT id, total FROM acc ORDER BY id',
      );
      expect(rows.map((r) => r.total).sort()).toEqual([1, 2]);
    } finally {
      await t.dispose();
    }
  });
});
