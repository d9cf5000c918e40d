/** zicht lens: rebuild the DuckDB lens from the truth store (safe to run at any time). */
import { rebuildLens } from '../../lens/build.js';
import { open, type Config } from '../config.js';
import { Progress } from '../progress.js';
import { defineCommand } from '../options.js';

export async function lensCommand(cfg: Config, flags: { json?: boolean | undefined }): Promise<number> {
  const store = await open(cfg);
  const progress = new Progress();
  try {
    const r = await rebuildLens(store, cfg.dataDir, (step, d, t) =>
      progress.update(`lens: ${step} (${d + 1}/${t})`, true),
    );
    progress.done(`lens gebouwd in ${(r.millis / 1000).toLocaleString('nl-NL')} s: ${r.path}`);
    if (flags.json) console.log(JSON.stringify(r, null, 2));
    else
      for (const [t, n] of Object.entries(r.tables))
        console.log(`${t.padEnd(24)} ${n.toLocaleString('nl-NL').padStart(12)} rijen`);
  } finally {
    await store.close();
  }
  return 0;
}

/** `zicht lens`: its help, its options and what runs it (the registry is commands/index.ts). */
export const lensSpec = defineCommand({
  name: 'lens',
  help: ['bouw de analyse-lens (DuckDB) opnieuw op uit de database  --json'],
  options: { json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' } },
  run: (cfg, _p, f) => lensCommand(cfg, f),
});
