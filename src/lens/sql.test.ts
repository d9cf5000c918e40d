import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { dateValue, joinSql, sql } from './sql.js';
import { activeIn, gemeenteFilter } from '../indicators/sql.js';
import { parsePeriod } from '../domain/periods.js';

it('substitutions become numbered parameters, nested fragments carry theirs along in order', () => {
  const inner = sql`x = ${1} AND y = ${'a'}`;
  const q = sql`SELECT * FROM t WHERE ${inner} AND z IN (${joinSql([sql`${2}`, sql`${3}`])}) AND d = ${dateValue('2024-01-31')}`;
  const { text, params } = q.compile();
  assert.equal(text, 'SELECT * FROM t WHERE x = $1 AND y = $2 AND z IN ($3, $4) AND d = CAST($5 AS DATE)');
  assert.deepEqual(params, [1, 'a', 2, 3, '2024-01-31']);
});

it('a fragment pasted into a plain string throws instead of losing its parameters', () => {
  const f = sql`gemeente_code = ${'0363'}`;
  assert.throws(() => `SELECT 1 WHERE ${String(f)}`, /pasted into a string/);
});

it('a hostile gemeente code is a value, not SQL: it matches nothing and changes no query', async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run(`CREATE TABLE traj (gemeente_code VARCHAR, eff_start DATE, eff_end DATE)`);
    await con.run(`INSERT INTO traj VALUES ('0363', DATE '2024-02-01', NULL), ('0599', DATE '2024-02-01', NULL)`);
    const period = parsePeriod('2024');
    const count = async (gemeenten: string[]) => {
      const { text, params } = sql`SELECT count(*)::INTEGER AS n FROM traj
        WHERE ${activeIn(period)} AND ${gemeenteFilter({ period, gemeenten })}`.compile();
      return (await con.runAndReadAll(text, params)).getRowObjects()[0]!.n;
    };
    assert.equal(await count(['0363']), 1);
    assert.equal(await count([]), 2, 'no gemeenten: all of them');
    assert.equal(await count(["0363') OR TRUE OR ('"]), 0);
    assert.equal(await count(["0363' OR '1'='1"]), 0);
  } finally {
    con.closeSync();
    db.closeSync();
  }
});
