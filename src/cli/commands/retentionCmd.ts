/**
 * zicht retention: terms | run [--dry-run] | reseal [--dry-run]  (privacy.md rule 6; src/ops/retention.ts).
 * A run that removed anything rebuilds the lens, so no figure keeps counting removed records.
 */
import { rebuildLens } from '../../lens/build.js';
import { resealRaw, RetentionError, retentionTerms, runRetention, type RetentionResult } from '../../ops/retention.js';
import { CLI_ACTOR, open, pseudonymKey, readSettings, type Config } from '../config.js';
import { table } from '../format.js';
import { Progress } from '../progress.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

export interface RetentionFlags {
  'dry-run'?: boolean | undefined;
  json?: boolean | undefined;
}

const USAGE = 'Gebruik / usage: zicht retention terms | run [--dry-run] | reseal [--dry-run]  [--json]';

export function printRetention(r: RetentionResult): void {
  const verb = r.dryRun ? 'zou verwijderen / would remove' : 'verwijderd / removed';
  console.log(r.dryRun ? 'PROEF (er verandert niets) / DRY RUN (nothing changes)\n' : '');
  if (r.removed.length === 0) console.log(`Niets over de termijn / nothing past its term.`);
  else
    console.log(
      table(
        ['soort', 'gemeente', verb],
        r.removed.map((x) => [x.type, x.gemeente ?? '—', x.count.toLocaleString('nl-NL')]),
        [false, false, true],
      ),
    );
  console.log(
    `\nBestanden ${r.dryRun ? 'die weg zouden gaan' : 'weggehaald'}: ${r.filesRemoved}; packs ${r.dryRun ? 'te herschrijven' : 'herschreven'}: ${r.packsRewritten}`,
  );
  console.log(
    `Onverzegelde bronbestanden ${r.dryRun ? 'te verzegelen' : 'verzegeld'}: ${r.resealed.records} (${r.resealed.files} bestanden, ${r.resealed.packs} packs)`,
  );
}

export async function retentionCommand(cfg: Config, args: string[], flags: RetentionFlags): Promise<number> {
  const [sub] = args;
  try {
    if (sub === 'terms') {
      const terms = retentionTerms(cfg.dataDir, readSettings().retentionFile);
      if (flags.json) console.log(JSON.stringify(terms, null, 2));
      else {
        console.log(
          table(
            ['soort', 'termijn', 'na', 'bron'],
            terms.map((t) => [
              t.nl,
              t.termMonths != null ? `${t.termMonths} mnd` : t.termDays != null ? `${t.termDays} dg` : 'blijft',
              t.after,
              t.source,
            ]),
          ),
        );
      }
      return 0;
    }
    if (sub !== 'run' && sub !== 'reseal') throw new UserError('gebruik', { nl: USAGE });
    const store = await open(cfg);
    const progress = new Progress(Boolean(flags.json));
    try {
      const key = pseudonymKey(cfg);
      if (sub === 'reseal') {
        const r = await resealRaw(store, { dataDir: cfg.dataDir, key, dryRun: flags['dry-run'] });
        if (flags.json) console.log(JSON.stringify({ dryRun: Boolean(flags['dry-run']), ...r }, null, 2));
        else
          console.log(
            `${flags['dry-run'] ? 'Te verzegelen' : 'Verzegeld'}: ${r.records} bronbestanden (${r.files} bestanden, ${r.packs} packs)`,
          );
        return 0;
      }
      const r = await runRetention(store, {
        dataDir: cfg.dataDir,
        termsFile: readSettings().retentionFile,
        key,
        dryRun: flags['dry-run'],
        actor: CLI_ACTOR,
        onProgress: (what) => progress.update(`bewaartermijn: ${what}`),
      });
      progress.done(`bewaartermijn: ${r.total} ${r.dryRun ? 'te verwijderen' : 'verwijderd'}`);
      if (!r.dryRun && r.total > 0) {
        const lens = await rebuildLens(store, cfg.dataDir, (step, d, t) =>
          progress.update(`lens: ${step} (${d + 1}/${t})`, true),
        );
        progress.done(`lens opnieuw gebouwd: ${lens.path}`);
      }
      if (flags.json) console.log(JSON.stringify(r, null, 2));
      else printRetention(r);
      return 0;
    } finally {
      await store.close();
    }
  } catch (err) {
    if (err instanceof RetentionError) {
      console.error(`Bewaartermijn / retention: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** `zicht retention`: its help, its options and what runs it (the registry is commands/index.ts). */
export const retentionSpec = defineCommand({
  name: 'retention',
  help: [
    'bewaartermijnen (privacy.md regel 6): terms | run [--dry-run] | reseal [--dry-run]  [--json]',
    'run verwijdert persoonsgegevens over hun termijn (per soort en gemeente, in het toegangslog) en',
    'verzegelt oude onverzegelde bronbestanden; termijnen: <datamap>/retention.json of ZICHT_RETENTION_FILE',
  ],
  options: {
    'dry-run': { type: 'boolean', nl: 'toon alleen wat er zou gebeuren', en: 'only show what would happen' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => retentionCommand(cfg, p, f),
});
