/**
 * The DuckDB binding, loaded on first use: every `zicht` command imports the lens modules, but most (help, users,
 * tokens, import without a rebuild) never open a lens, and loading the native binding costs a few hundred ms.
 */
let loaded: Promise<typeof import('@duckdb/node-api')> | undefined;

export function duckdb(): Promise<typeof import('@duckdb/node-api')> {
  return (loaded ??= import('@duckdb/node-api'));
}
