/**
 * Reports as data: each kind of report (kinds/: the monthly steering report maand, the council report raad, the
 * provider quarterly report aanbieder) is built here as a ReportModel — sections with tables of typed values,
 * charts and explanations — from the same indicators the dashboard shows. The PDF and Excel writers only lay
 * this model out, so both always hold the same figures.
 * With `extern`, disclosure control is applied to every figure, person-level sections are left
 * out and only explanations marked 'extern' are included.
 */
import { regionOf } from '../app/selection.js';
import { UserError } from '../domain/errors.js';
import { cellText, cellUnit, formatDateNl } from './format.js';
import { protectPayload } from '../app/disclosure.js';
import { formatPeriod, parsePeriod, periodEnd, periodLabelNl, periodStart, type Period } from '../domain/periods.js';
import { monthsWithClaimsPending } from '../domain/claimLag.js';
import { Builder, qualityText, section } from './builder.js';
import { REPORT_KINDS, REPORT_KIND_IDS } from './kinds/index.js';
import { ReportError, type ReportData, type ReportModel, type ReportRequest, type Section } from './types.js';

export type {
  Cell,
  Chart,
  Column,
  ReportData,
  ReportKind,
  ReportModel,
  ReportRequest,
  Section,
  Story,
  Table,
} from './types.js';
export { ReportError } from './types.js';
export { councilMessages } from './kinds/raad.js';

export async function buildReport(source: ReportData, req: ReportRequest): Promise<ReportModel> {
  let period: Period;
  try {
    period = parsePeriod(req.period);
  } catch (err) {
    throw new ReportError(err instanceof UserError ? err.bilingual : (err as Error).message);
  }
  // every figure as of the period's end: data dated later (claims, starts, stops) is not used
  const data = source.asOf?.(periodEnd(period)) ?? source;
  // a regio code as the data has it: `JZR:Amsterdam-Amstelland` (the colon was refused, so no such regio had a report)
  if (!/^\d{4}$/.test(req.gemeente) && !/^[\w&() :.'-]{1,80}$/.test(regionOf(req.gemeente) ?? ''))
    throw new ReportError(
      `--gemeente moet een gemeentecode van vier cijfers of regio:<code> zijn (kreeg ${req.gemeente})`,
    );
  // a regio without gemeenten in the data (a typo) has no report: its figures were every gemeente's, under the typed
  // name (red team 29)
  const region = regionOf(req.gemeente);
  if (region !== null && data.membersOf && (await data.membersOf(req.gemeente)).length === 0)
    throw new UserError('geen_gemeenten', { region });
  const spec = REPORT_KINDS[req.kind];
  if (regionOf(req.gemeente) !== null && !spec.perRegion)
    throw new ReportError(
      `de ${spec.nameNl} is per gemeente; voor de regio: ${REPORT_KIND_IDS.filter((k) => REPORT_KINDS[k].perRegion).join(' of ')}`,
    );
  if (spec.forProvider && !req.provider) throw new ReportError('het aanbiedersrapport vraagt --aanbieder <AGB-code>');
  if (req.team && !spec.perTeam) {
    const teamKinds = REPORT_KIND_IDS.filter((k) => REPORT_KINDS[k].perTeam);
    throw new ReportError(
      `een teamrapport is een ${teamKinds.map((k) => REPORT_KINDS[k].nameNl).join(' of ')}: gebruik --team met ${teamKinds.join(' of ')}`,
    );
  }
  // every way in (API, CLI, saved reports) the same: a team's amounts cannot be protected beside the gemeente's
  if (req.team && req.extern) throw new UserError('team_alleen_intern');
  const extern = Boolean(req.extern);
  const b = new Builder(data, extern, req.scope ?? null);
  const g = req.gemeente;
  const name = await data.gemeenteName(g);
  const names: Record<string, string> = { [g]: name };
  const label = periodLabelNl(period);
  const built = await spec.build({ req, data, b, period, g, name, names, label, extern });
  const sections: Section[] = [...built.sections];
  const { empty, keyMessages } = built;

  const periodsForStories =
    spec.stories === 'periodAndYear' ? [formatPeriod(period), String(period.year)] : [formatPeriod(period)];
  const stories =
    spec.stories === 'none'
      ? []
      : await data.stories(g, periodsForStories, {
          externOnly: extern,
          team: req.team || undefined,
          provider: spec.forProvider ? req.provider : undefined,
        });
  sections.push(
    section('Duiding', {
      paragraphs: stories.length === 0 ? ['Voor deze periode is nog geen duiding geschreven.'] : [],
      stories,
    }),
  );
  if (empty)
    sections.unshift(
      section('Geen gegevens', {
        paragraphs: [`Voor ${label} zijn geen gegevens gevonden voor ${name}; de tabellen hieronder zijn daarom leeg.`],
      }),
    );

  // claims arrive after their month (domain/claimLag.ts): say once, at the top, which months' costs are not all in, so
  // every table with amounts (providers, regio, product codes, categories) is read with it (red team 7)
  const pendingMonths = monthsWithClaimsPending(periodStart(period), periodEnd(period), data.viewDate ?? null);
  if (pendingMonths.length > 0 && sections.length > 0) {
    const first = sections[0]!;
    sections[0] = { ...first, paragraphs: [claimsPendingText(pendingMonths, periodEnd(period)), ...first.paragraphs] };
  }
  // a suppressed amount, % or number of days says so in words in the model itself, so the JSON answer reads as the
  // PDF and the workbook do ("<10" beside euros read as less than € 10: red team 7 and 8)
  for (const [n, s] of sections.entries())
    sections[n] = {
      ...s,
      tables: s.tables.map((t) => ({
        ...t,
        rows: t.rows.map((row) => row.map((v, i) => cellText(v, cellUnit(t.columns, row, i)))),
      })),
    };
  const end = await data.dataEnd();
  // the provider by name with its code, as everywhere on screen (red team 34: "aanbieder 99147514")
  const providerName = req.provider ? ((await data.providerName(req.provider)) ?? null) : null;
  const provider = req.provider
    ? ` · aanbieder ${providerName ? `${providerName} (AGB ${req.provider})` : `AGB ${req.provider}`}`
    : '';
  const model: ReportModel = {
    kind: req.kind,
    title: spec.title,
    subtitle: `${spec.regionWide ? `regio van ${name} (alle gemeenten van de regio opgeteld)` : name}${req.team ? ` · team ${req.team}` : ''} · ${label}${provider}${extern ? ' · externe versie (onthullingsbeheersing)' : ' · interne versie'}`,
    demo: await data.demo(g),
    extern,
    generatedAt: (req.now ?? new Date()).toISOString(),
    empty,
    ...(keyMessages ? { keyMessages } : {}),
    sections,
    definitions: [...b.used].map((id) => b.def(id)),
    sources: [
      `Gegevens tot en met ${end} (laatste datum in de lens).`,
      'Bronnen per indicator staan bij de definities.',
      // externally without the exact counts behind them: text is published too
      // a team's report is about the team: the gemeente's counts of rows and messages are published ones there too
      // (red team 12: a team manager read the gemeente's exact row counts from its own report)
      ...(await data.sourceDates(g)).map((x) => {
        const published = extern || Boolean(req.team);
        const rows = published ? '' : ` (${x.rows.toLocaleString('nl-NL')} regels)`;
        if (x.runs === 1) return `${x.recordType}: ${x.file}, ingelezen ${formatDateNl(x.importedAt)}${rows}`;
        // many messages or files: how many (published: rounded to 5, under 10 as such), and which was the latest
        // (never one named as if it were the only one)
        const runs = !published
          ? x.runs.toLocaleString('nl-NL')
          : x.runs < 10
            ? 'minder dan 10'
            : `circa ${(Math.round(x.runs / 5) * 5).toLocaleString('nl-NL')}`;
        return x.sentDate !== null
          ? `${x.recordType}: ${runs} berichten, laatste ${formatDateNl(`${x.sentDate}T12:00:00Z`)} (${x.file}), laatst ingelezen ${formatDateNl(x.importedAt)}${rows}`
          : `${x.recordType}: ${runs} bestanden, laatste ${x.file}, ingelezen ${formatDateNl(x.importedAt)}${rows}`;
      }),
      // a team's report publishes the gemeente's data-quality counts too (red team 14: "49 van 51" gave 2 late messages)
      ...(await data.quality(g, period)).map(
        (q) => `Datakwaliteit ${label}: ${q.nameNl} ${qualityText(q, extern || Boolean(req.team))}`,
      ),
      ...(b.beyondScopeShown
        ? [
            'Cijfers van gemeenten buiten uw toegang, en van de regio als geheel, staan er zoals ze gepubliceerd worden: aantallen afgerond op 5, cellen onder 10 als "<10" (een bedrag, percentage of aantal dagen dat erop rust als "onderdrukt"), percentages uit de afgeronde aantallen.',
          ]
        : []),
      ...(extern
        ? [
            'Onthullingsbeheersing: eerst exact berekend (ook sommen over gemeenten), dan pas per gepubliceerde cel: aantallen afgerond op 5, cellen onder 10 als "<10" en de bedragen, percentages en dagen die erop rusten als "onderdrukt", percentages op één decimaal berekend uit de afgeronde aantallen.',
          ]
        : []),
    ],
  };
  // the external version passes the same disclosure step as every API answer for bestuur and aanbieder
  return extern ? protectPayload(model, { provider: null }) : model;
}

/** The notice of a report whose period has months with claims still to come, in words. */
export function claimsPendingText(months: readonly string[], asOf: string): string {
  const names = months.map((m) => periodLabelNl(parsePeriod(m)));
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} en ${names.at(-1)!}`;
  return (
    `Let op: dit rapport gebruikt de gegevens zoals die er op ${formatDateNl(`${asOf}T12:00:00Z`)} waren. ` +
    `Declaraties komen na afloop van de maand binnen: die over ${list} waren er toen nog niet (allemaal). ` +
    'De kosten over die maanden ontbreken daarom (deels) in alle tabellen met bedragen; een daling ten opzichte van ' +
    'de vorige periode kan daardoor komen. De prognose voor het jaareinde rekent die maanden wel mee.'
  );
}
