/**
 * zicht businesscase: the business cases of a gemeente with investment, baseline path, savings,
 * budget-neutral and break-even year (`--json` for other programs); `add --file <case.json>`
 * records one (amounts in euros per year in the file, stored as eurocents).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { evaluateBusinessCase, realisedCost, type BusinessCaseResult } from '../../indicators/businessCase.js';
import { insertBusinessCase, loadBusinessCases } from '../../app/businessCases.js';
import { Lens } from '../../lens/lens.js';
import { open, type Config } from '../config.js';
import { fmtEur, table } from '../format.js';
import { UserError } from '../../domain/errors.js';
import { defineCommand } from '../options.js';

const euros = z.record(z.string().regex(/^\d{4}$/, 'jaartal'), z.number().nonnegative());
const CaseFile = z
  .object({
    gemeente: z.string().regex(/^\d{4}$/),
    title: z.string().min(3),
    description: z.string().optional(),
    intensities: z.array(z.string().regex(/^[A-Za-z0-9]{1,5}$/)).default([]),
    productCategories: z.array(z.string().regex(/^[0-9]{2}$/)).default([]),
    baselineYear: z.number().int(),
    startYear: z.number().int(),
    baselineMethod: z.enum(['vast', 'trend']).default('trend'),
    investment: euros,
    targetSavings: euros.default({}),
    owner: z.string().optional(),
  })
  .strict()
  .refine((c) => c.baselineYear < c.startYear, {
    message: 'baselineYear moet vóór startYear liggen / must come before startYear',
    path: ['baselineYear'],
  })
  .refine((c) => c.intensities.length + c.productCategories.length > 0, {
    message: 'geef intensities en/of productCategories / give intensities and/or productCategories',
    path: ['intensities'],
  });

const toCents = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).map(([y, e]) => [y, Math.round(e * 100)]));
const eur = (c: number | null) => fmtEur(c === null ? null : c / 100);

export async function businessCaseCommand(
  cfg: Config,
  positionals: string[],
  flags: { gemeente?: string | undefined; file?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  const [sub] = positionals;
  const store = await open(cfg);
  try {
    if (sub === 'add') {
      if (!flags.file)
        throw new UserError('gebruik', { nl: 'Gebruik / usage: zicht businesscase add --file <case.json>' });
      let parsed;
      try {
        parsed = CaseFile.safeParse(JSON.parse(readFileSync(flags.file, 'utf8')));
      } catch (err) {
        throw new UserError('ongeldig_bestand.json', { file: flags.file, reason: (err as Error).message });
      }
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new UserError('ongeldig_bestand', { nl: `${flags.file}: veld ${i.path.join('.')}: ${i.message}` });
      }
      const c = parsed.data;
      const id = await insertBusinessCase(
        store,
        {
          gemeente: c.gemeente,
          title: c.title,
          description: c.description ?? null,
          intensities: c.intensities.map((x) => x.toUpperCase()),
          productCategories: c.productCategories,
          baselineYear: c.baselineYear,
          startYear: c.startYear,
          baselineMethod: c.baselineMethod,
          investmentCents: toCents(c.investment),
          targetSavingsCents: toCents(c.targetSavings),
          owner: c.owner ?? null,
        },
        'cli',
      );
      console.log(flags.json ? JSON.stringify({ id }) : `Business case ${id} vastgelegd voor gemeente ${c.gemeente}.`);
      return 0;
    }
    if (sub !== undefined && sub !== 'list')
      throw new UserError('gebruik', {
        nl: 'Gebruik / usage: zicht businesscase [list] [--gemeente <code>] [--json] | add --file <case.json>',
      });
    const gemeenten = flags.gemeente
      ? flags.gemeente.split(',').map((g) => g.trim().padStart(4, '0'))
      : (await store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((r) => r.code);
    const specs = await loadBusinessCases(store, gemeenten);
    const lens = await Lens.open(cfg.dataDir);
    const results: BusinessCaseResult[] = [];
    try {
      for (const s of specs)
        results.push(evaluateBusinessCase(s, await realisedCost(lens, s.gemeente, s.intensities, s.productCategories)));
    } finally {
      lens.close();
    }
    if (flags.json) {
      console.log(JSON.stringify(results, null, 2));
      return 0;
    }
    if (results.length === 0)
      console.log('Geen business cases vastgelegd. Vastleggen: zicht businesscase add --file <case.json>');
    for (const r of results) {
      console.log(
        `\n${r.spec.title} · gemeente ${r.spec.gemeente} · start ${r.spec.startYear} · budgetneutraal: ${r.budgetNeutralYear ?? 'nog niet'} · terugverdiend: ${r.breakEvenYear ?? 'nog niet'}`,
      );
      console.log(
        table(
          ['jaar', 'basispad', 'gerealiseerd', 'besparing', 'beoogd', 'investering', 'netto', 'cumulatief', ''],
          r.lines.map((l) => [
            String(l.year),
            eur(l.baselineCents),
            eur(l.realisedCents),
            eur(l.savingsCents),
            eur(l.targetSavingsCents),
            eur(l.investmentCents),
            eur(l.netCents),
            eur(l.cumulativeNetCents),
            l.complete ? '' : 'onvolledig jaar',
          ]),
          [false, true, true, true, true, true, true, true, false],
        ),
      );
      for (const p of r.problems) console.log(`Let op: ${p}`);
      console.log(r.methodNl);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `zicht businesscase`: its help, its options and what runs it (the registry is commands/index.ts). */
export const businesscaseSpec = defineCommand({
  name: 'businesscase',
  help: [
    'investering tegen besparing (basispad − gerealiseerd), budgetneutraal- en terugverdienjaar:',
    '[list] [--gemeente <code>] [--json] | add --file <case.json>',
  ],
  options: {
    gemeente: { type: 'string', value: '<code>', nl: 'gemeente', en: 'municipality' },
    file: { type: 'string', value: '<case.json>', nl: 'business case om toe te voegen', en: 'business case to add' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, p, f) => businessCaseCommand(cfg, p, f),
});
