/**
 * zicht verbindingsfuncties: the liaison positions (POH-jeugd, jeugdconsulent, gezinscoach … at GP practices and
 * schools, issue 21) as the lens holds them, per gemeente. Their reach and the before/after referral pattern are
 * catalogue indicators: `zicht indicators --indicator liaison_reach|liaison_referral_shift`.
 */
import { Lens } from '../../lens/lens.js';
import { sql } from '../../lens/sql.js';
import { LIAISON_KIND_NL, type LiaisonKind } from '../../domain/liaison.js';
import { formatDateNl } from '../../domain/dates.js';
import type { Config } from '../config.js';
import { table } from '../format.js';
import { defineCommand } from '../options.js';

interface Row {
  gemeente_code: string;
  position_id: string;
  kind: string;
  location_kind: string;
  location_id: string;
  location_name: string;
  hours: number;
  start_date: string;
  end_date: string | null;
}

export async function liaisonCommand(
  cfg: Config,
  flags: { gemeente?: string | undefined; json?: boolean | undefined },
): Promise<number> {
  const gemeenten = flags.gemeente ? flags.gemeente.split(',').map((g) => g.trim().padStart(4, '0')) : [];
  const lens = await Lens.open(cfg.dataDir);
  let rows: Row[];
  try {
    rows = (
      await lens.query<Row>(sql`
        SELECT gemeente_code, position_id, kind, location_kind, location_id, location_name,
               CAST(hours_per_week AS DOUBLE) AS hours, CAST(start_date AS VARCHAR) AS start_date,
               CAST(end_date AS VARCHAR) AS end_date
        FROM liaison_position ORDER BY gemeente_code, location_kind, location_id, start_date, position_id`)
    ).filter((r) => gemeenten.length === 0 || gemeenten.includes(r.gemeente_code));
  } finally {
    lens.close();
  }
  const kindNl = (k: string) => LIAISON_KIND_NL[k as LiaisonKind] ?? k;
  if (flags.json) {
    console.log(
      JSON.stringify(
        rows.map((r) => ({
          gemeente: r.gemeente_code,
          id: r.position_id,
          kind: r.kind,
          kindNl: kindNl(r.kind),
          locationKind: r.location_kind,
          locationId: r.location_id,
          locationName: r.location_name,
          hoursPerWeek: r.hours,
          start: r.start_date,
          end: r.end_date,
        })),
        null,
        2,
      ),
    );
    return 0;
  }
  if (rows.length === 0) {
    console.log('Geen verbindingsfuncties (importeer verbindingsfuncties.csv).');
    return 0;
  }
  console.log('Verbindingsfuncties (bereik en verwijspatroon: zicht indicators --indicator liaison_reach)\n');
  console.log(
    table(
      ['gemeente', 'functie', 'soort', 'vindplaats', 'naam', 'uren/week', 'van', 'tot'],
      rows.map((r) => [
        r.gemeente_code,
        r.position_id,
        kindNl(r.kind),
        `${r.location_kind} ${r.location_id}`,
        r.location_name,
        String(r.hours).replace('.', ','),
        formatDateNl(r.start_date),
        r.end_date ? formatDateNl(r.end_date) : 'loopt',
      ]),
      [false, false, false, false, false, true, false, false],
    ),
  );
  return 0;
}

/** `zicht verbindingsfuncties`: its help, its options and what runs it (the registry is commands/index.ts). */
export const liaisonSpec = defineCommand({
  name: 'verbindingsfuncties',
  help: [
    'verbindingsfuncties (POH-jeugd, jeugdconsulent, gezinscoach) bij huisartsen en scholen:',
    '[--gemeente <code,…>] [--json]; bereik en voor/na: zicht indicators --indicator liaison_reach',
  ],
  options: {
    gemeente: { type: 'string', value: '<code,…>', nl: 'gemeenten', en: 'municipalities' },
    json: { type: 'boolean', nl: 'uitvoer als JSON', en: 'output as JSON' },
  },
  run: (cfg, _p, f) => liaisonCommand(cfg, f),
});
