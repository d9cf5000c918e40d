/**
 * zicht evaluaties: the overdue evaluations of running trajectories after referral (issue 21, app/evaluations.ts),
 * per gemeente and optionally one team — trajectory id, team, product, planned date, days overdue; no youth, no
 * name. Person-level, so written to the access log. Evaluation moments are imported with `zicht import
 * evaluaties.csv`; the rhythm is set by the beheerder on the page or with PUT /api/v1/evaluaties/ritme.
 */
import { appendAudit } from '../../audit/log.js';
import { overdueEvaluations } from '../../app/evaluations.js';
import { dutchToday, formatDateNl, isIsoDate } from '../../domain/dates.js';
import { UserError } from '../../domain/errors.js';
import { CLI_ACTOR, open, type Config } from '../config.js';
import { fmtInt, table } from '../format.js';
import { defineCommand } from '../options.js';

export async function evaluationsCommand(
  cfg: Config,
  flags: {
    gemeente?: string | undefined;
    team?: string | undefined;
    per?: string | undefined;
    json?: boolean | undefined;
  },
): Promise<number> {
  const asOf = flags.per ?? dutchToday();
  if (!isIsoDate(asOf)) throw new UserError('gebruik', { nl: `Gebruik / usage: --per JJJJ-MM-DD (niet ${asOf})` });
  const store = await open(cfg);
  try {
    const gemeenten = flags.gemeente
      ? flags.gemeente.split(',').map((g) => g.trim().padStart(4, '0'))
      : (await store.query<{ code: string }>('SELECT code FROM gemeente ORDER BY code')).map((g) => g.code);
    const rows = (await overdueEvaluations(store, gemeenten, asOf)).filter(
      (r) => flags.team === undefined || r.team === flags.team,
    );
    await appendAudit(store, {
      ...CLI_ACTOR,
      event: 'lezen_persoonsgegevens',
      subjects: [...new Set(rows.map((r) => r.youth))],
      query: `achterstallige evaluaties ${gemeenten.join(',')}${flags.team ? ` team ${flags.team}` : ''} op ${asOf}`,
      purpose: 'sturing (Jeugdwet 7.4.4)',
      outcome: 'ok',
    });
    const shown = rows.map(({ youth: _youth, ...r }) => r);
    if (flags.json) {
      console.log(JSON.stringify({ asOf, rows: shown }, null, 2));
      return 0;
    }
    console.log(
      `Achterstallige evaluaties op ${formatDateNl(asOf)}: ${fmtInt(rows.length)} ${rows.length === 1 ? 'traject' : 'trajecten'}\n`,
    );
    console.log(
      table(
        ['gemeente', 'traject', 'team', 'product', 'gepland', 'dagen over tijd', 'achterstallig', 'herkomst'],
        shown.map((r) => [
          r.gemeente,
          r.trajectory,
          r.team ?? 'onbekend',
          r.productCode ?? r.productCategory,
          formatDateNl(r.planned),
          fmtInt(r.daysOverdue),
          fmtInt(r.overdue),
          r.origin === 'afgeleid' ? 'afgeleid uit ritme' : 'vastgelegd',
        ]),
        [false, false, false, false, false, true, true, false],
      ),
    );
    return 0;
  } finally {
    await store.close();
  }
}

/** `zicht evaluaties`: its help, its options and what runs it (the registry is commands/index.ts). */
export const evaluationsSpec = defineCommand({
  name: 'evaluaties',
  help: [
    'achterstallige evaluaties van lopende trajecten na verwijzing (gepseudonimiseerd, in het toegangslog):',
    '[--gemeente <code,…>] [--team <team>] [--per <JJJJ-MM-DD>] [--json]; inlezen: zicht import evaluaties.csv',
  ],
  options: {
    gemeente: { type: 'string', value: '<code,…>', nl: 'gemeenten', en: 'municipalities' },
    team: { type: 'string', value: '<team>', nl: 'alleen dit team', en: 'only this team' },
    per: { type: 'string', value: '<datum>', nl: 'peildatum (standaard vandaag)', en: 'as of (default today)' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => evaluationsCommand(cfg, f),
});
