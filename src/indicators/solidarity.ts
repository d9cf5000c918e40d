/**
 * Regional solidarity (issue 19; seed 001: Noord-Limburg shares regional youth care by a verdeelsleutel of the
 * number of youths and the share using care; West-Brabant-West's gemeenten stood by one another when one overran by
 * more than 10%). Per gemeente of a region: its share under the key, the cost it would bear under it (the region's
 * realised cost × that share), its realised cost, the difference, and a flag above the trigger
 * (docs/indicators.md "Solidariteit in de regio"). The settings are the data directory's (solidarityConfig.ts).
 *
 * The cost is an existing cost indicator (cost_all_forms or cost_total), computed as it is: its definition, its
 * flags and its hiding when published come with it. Exact throughout: the share as a fraction of whole numbers, the
 * key's cost rounded once to whole cents, percentages half up at three decimals.
 */
import { sql } from '../lens/sql.js';
import { gemeenteFilter } from './sql.js';
import type { Lens } from '../lens/lens.js';
import { periodEnd, periodStart, type Period } from '../domain/periods.js';
import { centsToEuro, fractionHalfUp, toCents } from '../domain/decimal.js';
import { defineIndicator, type Ctx, type Figure } from './kernel.js';
import type { Flag, Indicator, IndicatorRow } from './types.js';
import { costAllForms, costTotal } from './money.js';
import { youthInCare } from './use.js';
import { activeSolidarity, type SolidarityComponent, type SolidarityConfig } from './solidarityConfig.js';
import { noClaimsYet } from '../domain/claimLag.js';
import { YOUTH_BAND } from '../domain/population.js';

/** The keys of the split `post`, in the order shown. */
export const SOLIDARITY_POSTS = ['aandeel_sleutel', 'volgens_sleutel', 'gerealiseerd', 'verschil', 'verschil_pct'];

const costIndicator = (c: SolidarityConfig): Indicator => (c.cost === 'declaraties' ? costTotal : costAllForms);

/** The gemeenten of each region in the lens (a gemeente without a region shares nothing). */
async function regions(lens: Lens): Promise<Map<string, string[]>> {
  const rows = await lens.query<{ code: string; region_code: string }>(
    sql`SELECT code, region_code FROM gemeente WHERE coalesce(region_code, '') <> '' ORDER BY region_code, code`,
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.region_code, [...(out.get(r.region_code) ?? []), r.code]);
  return out;
}

/** Per gemeente its cost in cents (null: not known), whether it is hidden when published, its youths and flags. */
interface Cost {
  readonly cents: number | null;
  readonly hidden: boolean;
  readonly youths: number | null | undefined;
  readonly flags: readonly Flag[];
  /** the cost indicator has a row for it */
  readonly row: boolean;
}

async function costs(
  lens: Lens,
  c: SolidarityConfig,
  period: Period,
  members: string[],
  claimsNotYet: boolean,
): Promise<Map<string, Cost>> {
  const rows = await costIndicator(c).compute(lens, { period, gemeenten: members });
  const out = new Map<string, Cost>();
  for (const g of members) {
    const r: IndicatorRow | undefined = rows.find((x) => x.gemeente === g && x.key === null);
    // no row: nothing was spent (a count of 0) — unless no claim of the period can be in yet: then not known (red
    // team 28: € 0 and no flag); a row without a value: not known (claims still to come, or the data begin later)
    const unknown = r === undefined ? claimsNotYet : r.value === null;
    out.set(g, {
      cents: unknown ? null : r === undefined ? 0 : toCents(r!.value!),
      hidden: r?.hiddenWhenPublished === true,
      youths: r?.youths,
      flags: r?.flags ?? (claimsNotYet ? ['declaraties_onvolledig'] : []),
      row: r !== undefined,
    });
  }
  return out;
}

/**
 * The measure of one component per gemeente (null: not known), and the gemeenten whose measure hides the share when
 * published (a count of 1–9 persons, a hidden cost). `members`: every gemeente of every region asked, in one query
 * each, since a gemeente's figure does not depend on which others are asked with it (42 regions one by one took 3,7 s
 * at national size; issue 18.3).
 */
async function component(
  ctx: Ctx,
  c: SolidarityConfig,
  which: SolidarityComponent,
  members: string[],
  realised: Map<string, Cost>,
): Promise<{ x: Map<string, number | null>; hiding: Set<string> }> {
  const keyPeriod: Period = c.baseYear === null ? ctx.period : { kind: 'year', year: c.baseYear, index: 1 };
  if (which === 'jeugdigen') {
    // the population 0–17 of the gemeente as a whole, as pct_youth_in_care and cost_per_youth divide by it
    const pop = await ctx.lens.query<{ gemeente_code: string; n: number }>(sql`
      SELECT gemeente_code, count AS n FROM population_band
      WHERE wijk_code = '' AND band = ${YOUTH_BAND} AND year = ${keyPeriod.year}
        AND ${gemeenteFilter({ period: keyPeriod, gemeenten: members })}`);
    const n = new Map(pop.map((p) => [p.gemeente_code, p.n]));
    return { x: new Map(members.map((g) => [g, n.get(g) ?? null])), hiding: new Set() };
  }
  if (which === 'jeugdigen_met_jeugdhulp') {
    const rows = await youthInCare.compute(ctx.lens, { period: keyPeriod, gemeenten: members });
    const counts = new Map(rows.filter((r) => r.key === null).map((r) => [r.gemeente, r.value ?? 0]));
    const n = (g: string) => counts.get(g) ?? 0;
    // a share of 1–9 youths in care, published to one decimal beside the region's total, gives that count back
    return { x: new Map(members.map((g) => [g, n(g)])), hiding: new Set(members.filter((g) => n(g) > 0 && n(g) < 10)) };
  }
  const cost = c.baseYear === null ? realised : await costs(ctx.lens, c, keyPeriod, members, false);
  return {
    x: new Map(members.map((g) => [g, cost.get(g)!.cents])),
    hiding: new Set(members.filter((g) => cost.get(g)!.hidden)),
  };
}

/**
 * The share of each member under the key as an exact fraction [num, den]: Σ over the components of weight (in
 * hundredths of a per cent) × x_g ÷ (10000 × Σ x over the region). Null when a component's measure is not known
 * for a member, or its regional total is not positive.
 */
function shares(
  c: SolidarityConfig,
  members: string[],
  measures: ReadonlyMap<SolidarityComponent, Map<string, number | null>>,
): Map<string, [bigint, bigint]> | null {
  const parts = c.key.filter((k) => k.weight > 0);
  const totals: bigint[] = [];
  for (const k of parts) {
    const x = measures.get(k.component)!;
    if (members.some((g) => x.get(g) === null)) return null;
    const total = members.reduce((s, g) => s + BigInt(x.get(g)!), 0n);
    if (total <= 0n) return null;
    totals.push(total);
  }
  const den = totals.reduce((p, t) => p * t, 10000n);
  return new Map(
    members.map((g) => {
      let num = 0n;
      parts.forEach((k, i) => {
        const others = totals.reduce((p, t, j) => (j === i ? p : p * t), 1n);
        num += BigInt(k.weight) * BigInt(measures.get(k.component)!.get(g)!) * others;
      });
      return [g, [num, den]];
    }),
  );
}

/** n ÷ d to a whole number, half away from zero. */
const halfUp = (n: bigint, d: bigint): bigint => BigInt(fractionHalfUp(n, d, 0)!);

async function figures(ctx: Ctx): Promise<Figure[]> {
  const { config: c } = activeSolidarity(ctx.lens.dataDir);
  const all = await regions(ctx.lens);
  const asked = ctx.q.gemeenten;
  const out: Figure[] = [];
  const wanted = [...all.values()].filter((members) => asked.length === 0 || members.some((g) => asked.includes(g)));
  const everyone = wanted.flat();
  if (everyone.length === 0) return out;
  // as of a day before any claim of the period is in (claims come after their month), realised cost is payments
  // alone: set beside the key, a gemeente with lump sums stood far above its share and raised the trigger (red team
  // 27), and the regio's cost under the key was those payments (red team 28). The key's cost and the difference wait
  // for the claims; the realised amounts stay, flagged declaraties_onvolledig.
  const claimsNotYet = noClaimsYet(periodStart(ctx.period), periodEnd(ctx.period), ctx.lens.asOf);
  const realised = await costs(ctx.lens, c, ctx.period, everyone, claimsNotYet);
  const components = new Map<SolidarityComponent, Awaited<ReturnType<typeof component>>>();
  for (const k of c.key.filter((x) => x.weight > 0))
    components.set(k.component, await component(ctx, c, k.component, everyone, realised));
  for (const members of wanted) {
    const mine = asked.length === 0 ? members : members.filter((g) => asked.includes(g));
    // rows only where the region has something to count in the period: a cost row of one of its gemeenten
    if (!members.some((g) => realised.get(g)!.row)) continue;
    const measures = new Map<SolidarityComponent, Map<string, number | null>>();
    let shareHidden = false;
    for (const [k, m] of components) {
      measures.set(k, m.x);
      shareHidden ||= members.some((g) => m.hiding.has(g));
    }
    const share = shares(c, members, measures);
    const regionCents = members.some((g) => realised.get(g)!.cents === null)
      ? null
      : members.reduce((s, g) => s + BigInt(realised.get(g)!.cents!), 0n);
    // the key's cost is a share of the region's total: hidden when published when one member's cost is (a sum over
    // gemeenten, indicators/region.ts), or when the share is
    const regionHidden = members.some((g) => realised.get(g)!.hidden) || shareHidden;
    const regionFlags = [...new Set(members.flatMap((g) => realised.get(g)!.flags))];
    for (const g of mine) {
      const own = realised.get(g)!;
      const fraction = share?.get(g) ?? null;
      const keyCents =
        fraction === null || regionCents === null || claimsNotYet
          ? null
          : halfUp(regionCents * fraction[0], fraction[1]);
      const diff = keyCents === null || own.cents === null || claimsNotYet ? null : BigInt(own.cents) - keyCents;
      const diffPct =
        diff === null || keyCents === null || keyCents <= 0n ? null : fractionHalfUp(100n * diff, keyCents, 3);
      // above the trigger: diff ÷ key × 100 > trigger (in hundredths of a per cent), in whole numbers
      const over = diff !== null && keyCents !== null && keyCents > 0n && diff * 10000n > BigInt(c.trigger) * keyCents;
      const base: Flag[] = [...regionFlags, ...(fraction === null ? (['geen_noemer'] as const) : [])];
      // the trigger flag only on the rows hidden together (the difference and the key's cost): beside a published
      // share or realised cost it would tell where a hidden difference lies
      const flags: Flag[] = [...base, ...(over ? (['boven_solidariteitsdrempel'] as const) : [])];
      const euro = (x: bigint | null) => (x === null ? null : centsToEuro(Number(x)));
      const hidden = (h: boolean) => (h ? { hiddenWhenPublished: true } : {});
      const headline: Figure = { gemeente: g, value: diffPct, flags, ...hidden(regionHidden) };
      if (ctx.by !== 'post') {
        out.push(headline);
        continue;
      }
      const sharePct = fraction === null ? null : fractionHalfUp(100n * fraction[0], fraction[1], 3);
      const keyHidden = shareHidden || (c.key.some((k) => k.component === 'kosten' && k.weight > 0) && regionHidden);
      out.push(
        { gemeente: g, key: 'aandeel_sleutel', unit: 'procent', value: sharePct, flags: base, ...hidden(keyHidden) },
        { gemeente: g, key: 'volgens_sleutel', unit: 'euro', value: euro(keyCents), flags, ...hidden(regionHidden) },
        {
          gemeente: g,
          key: 'gerealiseerd',
          unit: 'euro',
          value: euro(own.cents === null ? null : BigInt(own.cents)),
          flags: own.flags,
          ...(own.youths !== undefined ? { youths: own.youths } : {}),
          ...hidden(own.hidden),
        },
        { gemeente: g, key: 'verschil', unit: 'euro', value: euro(diff), flags, ...hidden(regionHidden) },
        { ...headline, key: 'verschil_pct', unit: 'procent' },
      );
    }
  }
  return out.sort((a, b) => a.gemeente.localeCompare(b.gemeente));
}

export const solidarityShare = defineIndicator({
  definition: {
    id: 'solidarity_share',
    nameNl: 'solidariteit in de regio',
    nameEn: 'regional solidarity',
    definitionNl:
      'Per gemeente van een jeugdregio: het aandeel volgens de verdeelsleutel van de regio (instelling solidariteit.json: componenten jeugdigen 0–17, jeugdigen met jeugdhulp en gerealiseerde kosten met gewichten die samen 100% zijn; per component het deel van de gemeente in het regiototaal, gewogen opgeteld), de kosten die de gemeente volgens die sleutel draagt (de gerealiseerde kosten van de hele regio × het aandeel, op hele centen), haar gerealiseerde kosten (kosten alle financieringsvormen of kosten uit declaraties, volgens de instelling), het verschil in euro en in % van het deel volgens de sleutel. Signaal boven_solidariteitsdrempel als de gerealiseerde kosten meer dan de drempel (standaard 10%) boven het deel volgens de sleutel liggen. Kopcijfer: het verschil in %; met --by post: aandeel_sleutel, volgens_sleutel, gerealiseerd, verschil, verschil_pct.',
    definitionEn:
      'Per gemeente of a youth-care region: its share under the region\u2019s verdeelsleutel (setting solidariteit.json: components youths 0–17, youths in care and realised cost with weights adding up to 100%; per component the gemeente\u2019s part of the regional total, weighted and added), the cost it bears under the key (the whole region\u2019s realised cost × the share, in whole cents), its realised cost (all financing forms or claims only, as set), and the difference in euros and in % of the key\u2019s share. Flag boven_solidariteitsdrempel when realised cost exceeds the key\u2019s share by more than the trigger (default 10%). Headline: the difference in %; with --by post: aandeel_sleutel, volgens_sleutel, gerealiseerd, verschil, verschil_pct.',
    unit: 'procent',
    direction: 'neutraal',
    sources: ['declaraties', 'betalingen', 'contracten', 'trajecten', 'bevolking', 'solidariteit.json'],
    costBasis: {
      nl: 'kosten alle financieringsvormen (of declaraties, volgens solidariteit.json) van de periode, over de regio verdeeld',
      en: 'cost, all financing forms (or claims, as solidariteit.json sets) of the period, shared over the region',
    },
    cbsNote: null,
    regionWide: true,
  },
  dimensions: { post: null },
  figures,
});
