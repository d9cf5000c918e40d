/** zicht check: does the lens agree with the store's committed imports? Exit 1 when it does not. */
import { checkLens, formatCheck } from '../../lens/check.js';
import { open, type Config } from '../config.js';
import { defineCommand } from '../options.js';

export async function checkCommand(cfg: Config, flags: { json?: boolean | undefined }): Promise<number> {
  const store = await open(cfg);
  try {
    const c = await checkLens(store, cfg.dataDir);
    console.log(flags.json ? JSON.stringify(c, null, 2) : formatCheck(c));
    return c.agrees ? 0 : 1;
  } finally {
    await store.close();
  }
}

/** `zicht check`: its help, its options and what runs it (the registry is commands/index.ts). */
export const checkSpec = defineCommand({
  name: 'check',
  help: ['klopt de lens met de ingelezen gegevens in de database? (afwijking: exit 1)  --json'],
  options: { json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' } },
  run: (cfg, _p, f) => checkCommand(cfg, f),
});
