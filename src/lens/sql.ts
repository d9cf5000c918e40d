/**
 * The `sql` tag for lens queries: every `${…}` in the template becomes a bound parameter, never text, so no value
 * reaches the SQL as code and no regex has to vouch for it. A substitution that is itself an `Sql` fragment nests as
 * SQL (its parameters carried along), so helpers such as `activeIn` compose. SQL text that code chooses (a column, a
 * CASE built from constants) is written as a fragment too; there is deliberately no escape hatch for raw strings.
 */

/** What DuckDB binds: integers become INTEGER (BIGINT beyond 32 bits), other numbers DOUBLE, strings VARCHAR. */
export type SqlValue = string | number | boolean | null;

export class Sql {
  /** @internal use the `sql` tag */
  constructor(
    readonly strings: readonly string[],
    readonly values: ReadonlyArray<SqlValue | Sql>,
  ) {}

  /** The text with `$1`, `$2`, … and the values in that order (DuckDB binds an array to `$n` positionally). */
  compile(): { text: string; params: SqlValue[] } {
    const params: SqlValue[] = [];
    const text = this.render(params);
    return { text, params };
  }

  /** A fragment pasted into a plain template string would lose its parameters: refuse instead of `[object Object]`. */
  toString(): string {
    throw new Error('an Sql fragment was pasted into a string: nest it in the sql tag instead');
  }

  private render(params: SqlValue[]): string {
    let text = this.strings[0] ?? '';
    this.values.forEach((v, i) => {
      if (v instanceof Sql) text += v.render(params);
      else {
        params.push(v);
        text += `$${params.length}`;
      }
      text += this.strings[i + 1] ?? '';
    });
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: Array<SqlValue | Sql>): Sql {
  return new Sql(strings, values);
}

/** Fragments joined by a separator (itself SQL text chosen by the caller's code, e.g. `, ` or ` AND `). */
export function joinSql(parts: readonly Sql[], separator: Sql = sql`, `): Sql {
  const values = parts.flatMap((p, i) => (i === 0 ? [p] : [separator, p]));
  return new Sql(['', ...values.map(() => '')], values);
}

/** A date value, `YYYY-MM-DD`, compared as a DATE (as the literal `DATE '…'` was). */
export function dateValue(d: string): Sql {
  return sql`CAST(${d} AS DATE)`;
}
