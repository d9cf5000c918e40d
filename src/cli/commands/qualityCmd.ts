/** zicht quality: the data-quality checks per gemeente for a period (the basis of the reliability score beside each figure). */
import { qualityChecks } from '../../indicators/quality.js';
import { Lens } from '../../lens/lens.js';
import type { Config } from '../config.js';
import { fmtInt, table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { parsePeriod } from '../../domain/periods.js';
import { defineCommand } from '../options.js';

export async function qualityCommand(
  cfg: Config,
  flags: { period?: string | undefined; gemeente?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  if (!flags.period)
    throw new UserError('gebruik', {
      nl: 'Gebruik / usage: zicht quality --period <2025H2|2025|…> [--gemeente <code,…>] [--json]',
    });
  const period = parsePeriod(flags.period);
  const gemeenten = flags.gemeente ? flags.gemeente.split(',').map((g) => g.trim().padStart(4, '0')) : [];
  const lens = await Lens.open(cfg.dataDir);
  let checks;
  try {
    checks = await qualityChecks(lens, { period, gemeenten });
  } finally {
    lens.close();
  }
  if (flags.json) {
    console.log(
      JSON.stringify(
        [...checks].map(([gemeente, c]) => ({ gemeente, period: flags.period, checks: c })),
        null,
        2,
      ),
    );
    return 0;
  }
  const rows = [...checks].flatMap(([g, cs]) =>
    cs.map((c) => [
      g,
      c.source,
      c.nameNl,
      c.share === null ? 'n.v.t.' : `${Math.round(c.share * 100)}%`,
      fmtInt(c.numerator),
      fmtInt(c.denominator),
    ]),
  );
  console.log(`Datakwaliteit ${flags.period} (aandeel in orde; n.v.t. = niets te controleren)\n`);
  console.log(
    table(['gemeente', 'bron', 'controle', 'in orde', 'teller', 'noemer'], rows, [
      false,
      false,
      false,
      true,
      true,
      true,
    ]),
  );
  return 0;
}

/** `zicht quality`: its help, its options and what runs it (the registry is commands/index.ts). */
export const qualitySpec = defineCommand({
  name: 'quality',
  help: [
    'datakwaliteit per gemeente: startberichten, stopberichten, tijdigheid, declaraties gekoppeld',
    'en zonder gaten, bevolkingscijfer:  --period <…> [--gemeente <code,…>] [--json]',
  ],
  options: {
    period: { type: 'string', value: '<periode>', nl: 'periode', en: 'period' },
    gemeente: { type: 'string', value: '<code,…>', nl: 'gemeenten', en: 'municipalities' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => qualityCommand(cfg, f),
});
