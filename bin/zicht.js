#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (compiled from src/cli). Build first with `npm run build`.
import { existsSync } from 'node:fs';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error(
    'Zicht is not built yet: run `npm run build` first. / Zicht is nog niet gebouwd: voer eerst `npm run build` uit.',
  );
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
