/**
 * What a printed page is about: the gemeente and the period beside the page title. On screen the
 * filters say it (and this stays hidden); on paper the filters are left out, so the heading says it.
 */
import type { Me, Periods } from '../api.js';
import { periodLabel, type Lang } from '../format.js';
import { param } from '../url.js';

export function PrintHeading({ me, periods, lang }: { me: Me; periods: Periods; lang: Lang }) {
  const code = param('gemeente') || (me.gemeenten.length === 1 ? me.gemeenten[0]!.code : '');
  const gemeente = code
    ? (me.gemeenten.find((g) => g.code === code)?.name ?? code)
    : lang === 'nl'
      ? 'alle gemeenten'
      : 'all gemeenten';
  const key = param('periode') ?? periods.defaultPeriod;
  const all = [...periods.halfYears, ...periods.years, ...periods.quarters, ...periods.months];
  const found = all.find((p) => p.key === key);
  return (
    <span className="zicht-print-only">
      {' '}
      — {gemeente}, {found ? periodLabel(found, lang) : key}
    </span>
  );
}
