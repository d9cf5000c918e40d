/**
 * The zicht command line. Every job has a command; every command that prints data has --json;
 * long work shows progress on stderr.
 */
import { parseArgs } from 'node:util';
import { configFrom } from './config.js';
import { demoCommand } from './commands/demoCmd.js';
import { importCommand } from './commands/importCmd.js';
import { lensCommand } from './commands/lensCmd.js';
import { indicatorsCommand } from './commands/indicatorsCmd.js';
import { serveCommand } from './commands/serveCmd.js';
import { usersCommand } from './commands/usersCmd.js';
import { auditCommand } from './commands/auditCmd.js';
import { reportCommand } from './commands/reportCmd.js';
import { benchmarkCommand, cbsCommand } from './commands/benchmarkCmd.js';
import { businessCaseCommand } from './commands/businessCaseCmd.js';
import { qualityCommand } from './commands/qualityCmd.js';
import { backupCommand, restoreCommand } from './commands/backupCmd.js';
import { retentionCommand } from './commands/retentionCmd.js';
import { LensMissingError } from '../lens/lens.js';
import { StoreError } from '../store/errors.js';

const HELP = `zicht — stuurinformatie jeugdhulp / steering information for youth care

Gebruik / usage: zicht <opdracht> [opties]

  demo        maak en laad de demoregio (fictieve gemeenten) en toon de kerncijfers
              --size region|national  --seed N  --until JJJJ-MM-DD  --fresh  --no-serve  --json
              het laatste jaar komt als iJw 3.2-berichten (JW315/301/305/307/323/325) binnen via de
              iJw-importeur, de jaren ervoor als CSV uit de eigen administratie; --no-ijw (en --size national): alles als CSV
  import      lees bestanden in (canonieke CSV: trajecten, basishulp, budget, tevredenheid,
              bevolking, declaraties); één transactie per bestand
              --type <soort>  --accept-valid  --dry-run  --json
              Excel (.xlsx): eerste blad of --sheet <naam>; eigen kolomnamen via --profile <naam>
              (profiles: toon opgeslagen profielen; profile-add <profiel.json>: sla een profiel op)
              quarantine [--json] | --out <map> (te corrigeren regels) | --resolve <nr,…>
              bron traject <gemeente> <traject_id> [--json]: uit welke bestanden en berichten een traject komt;
              bron <run-nr|sha256> --out <bestand>: dat bronbestand zoals ontvangen (beide in het toegangslog)
  lens        bouw de analyse-lens (DuckDB) opnieuw op uit de database  --json
  indicators  bereken indicatoren: --indicator <id,…> --period <2024|2024H1|2024Q3|2024-03>
              [--gemeente <code,…|all|regio:<code>|totaal>] [--by <dimensie>] [--json];  --list [--json] toont de catalogus
              (regio:/totaal: tellingen opgeteld, aandelen gepoold; mediaan/score/model niet optelbaar)
  quality     datakwaliteit per gemeente: startberichten, stopberichten, tijdigheid, declaraties gekoppeld
              en zonder gaten, bevolkingscijfer:  --period <…> [--gemeente <code,…>] [--json]
  serve       start de webapplicatie en API (standaard http://127.0.0.1:8080)  --port N  --host H  --json
  users       accounts beheren: list | add <naam> --role R --scope soort=sleutel | disable | enable |
              password | totp-reset | code (alleen demo)
  report      rapport als PDF of Excel: maand|raad|aanbieder --gemeente <code> --period <…>
              [--aanbieder <agb>] [--extern] [--team <team> (maand)] --out <bestand.pdf|bestand.xlsx>;
              save <naam> <soort> … --out <map> | list | due  (bewaarde rapporten, voor cron)
  audit       toegangslog: verify | list [--user u] [--subject pseudoniem] | export --out bestand.csv
              (verify vergelijkt ook met de kop buiten de database: <datamap>.audit-head of ZICHT_AUDIT_HEAD_FILE)
  retention   bewaartermijnen (privacy.md regel 6): terms | run [--dry-run] | reseal [--dry-run]  [--json]
              run verwijdert persoonsgegevens over hun termijn (per soort en gemeente, in het toegangslog) en
              verzegelt oude onverzegelde bronbestanden; termijnen: <datamap>/retention.json of ZICHT_RETENTION_FILE
  backup      --out <map> [--json]: consistente kopie van de database en de bronbestanden, zonder sleutel
  restore     --from <back-upmap> --data-dir <nieuwe map> [--json]: zet een back-up terug en bouwt de lens
  benchmark   vergelijk een gemeente met een referentiegroep (Verwey-Jonker-tabel, verwacht vs feitelijk):
              --gemeente <code> [--reference grootteklasse|regio|vergelijkbaar[:k]|lijst:<codes>|nederland]
              [--period 2024H1] [--base 2017H1] [--year 2023] [--base-year 2017] [--mapping <bestand>] [--json]
  businesscase  investering tegen besparing (basispad − gerealiseerd), budgetneutraal- en terugverdienjaar:
              [list] [--gemeente <code>] [--json] | add --file <case.json>
  cbs         mapping [--json] [--write]: welke CBS-tabel/-onderwerp welk vergelijkingscijfer voedt
              fetch <tabelnummer…> [--to <map>]: haal tabellen op bij CBS StatLine (OData v3) als offline spiegel

Algemeen: --data-dir <map> (of ZICHT_DATA_DIR; standaard ./.zicht). Met DATABASE_URL gebruikt Zicht
PostgreSQL in plaats van de ingebouwde database (PGlite).
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' }, json: { type: 'boolean' }, size: { type: 'string' }, seed: { type: 'string' },
        until: { type: 'string' }, fresh: { type: 'boolean' }, 'no-serve': { type: 'boolean' }, type: { type: 'string' },
        'accept-valid': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, indicator: { type: 'string' },
        gemeente: { type: 'string' }, period: { type: 'string' }, by: { type: 'string' }, list: { type: 'boolean' }, 'no-ijw': { type: 'boolean' },
        port: { type: 'string' }, host: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string', multiple: true },
        name: { type: 'string' }, user: { type: 'string' }, subject: { type: 'string' }, out: { type: 'string' },
        aanbieder: { type: 'string' }, extern: { type: 'boolean' }, format: { type: 'string' },
        reference: { type: 'string' }, base: { type: 'string' }, year: { type: 'string' }, 'base-year': { type: 'string' },
        mapping: { type: 'string' }, write: { type: 'boolean' }, file: { type: 'string' }, sheet: { type: 'string' }, profile: { type: 'string' }, team: { type: 'string' }, resolve: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, 'base-url': { type: 'string' },
      },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  const cfg = configFrom(flags);
  try {
    switch (command) {
      case 'demo': return await demoCommand(cfg, flags);
      case 'import': return await importCommand(cfg, positionals, flags);
      case 'lens': return await lensCommand(cfg, flags);
      case 'indicators': return await indicatorsCommand(cfg, flags);
      case 'serve': return await serveCommand(cfg, flags);
      case 'users': return await usersCommand(cfg, positionals, flags);
      case 'audit': return await auditCommand(cfg, positionals, flags);
      case 'report': return await reportCommand(cfg, positionals, flags);
      case 'benchmark': return await benchmarkCommand(cfg, flags);
      case 'quality': return await qualityCommand(cfg, flags);
      case 'businesscase': return await businessCaseCommand(cfg, positionals, flags);
      case 'cbs': return await cbsCommand(cfg, positionals, flags);
      case 'retention': return await retentionCommand(cfg, positionals, flags);
      case 'backup': return await backupCommand(cfg, flags);
      case 'restore': return await restoreCommand(cfg, flags);
      default:
        console.error(`Onbekende opdracht / unknown command: ${command}\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof LensMissingError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof StoreError) {
      console.error(`Databasefout / database error${err.code ? ` (${err.code})` : ''}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}
