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
import { checkCommand } from './commands/checkCmd.js';
import { backupCommand, restoreCommand } from './commands/backupCmd.js';
import { retentionCommand } from './commands/retentionCmd.js';
import { LensMissingError } from '../lens/lens.js';
import { StoreError } from '../store/errors.js';
import { lockOwner, StoreLockedError } from '../store/dirLock.js';
import { HANDOFF_COMMANDS, handOver, type Token } from './adminSocket.js';
import { handoff } from './handoffContext.js';

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
  check       klopt de lens met de ingelezen gegevens in de database? (afwijking: exit 1)  --json
  indicators  bereken indicatoren: --indicator <id,…> --period <2024|2024H1|2024Q3|2024-03>
              [--gemeente <code,…|all|regio:<code>|totaal>] [--by <dimensie>] [--mapping <bestand>] [--json];
              --list [--json] toont de catalogus; CBS-cijfers via de koppeling van zicht cbs mapping
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
PostgreSQL in plaats van de ingebouwde database (PGlite). Eén proces tegelijk opent de ingebouwde database:
draait 'zicht serve', dan gaan users, import, report, audit, lens, check, businesscase, backup en retention via de server;
andere opdrachten worden geweigerd (exit 75) met wie de datamap gebruikt.
`;

/** The options each command reads (besides --data-dir); anything else is refused, not ignored. */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  demo: ['size', 'seed', 'until', 'fresh', 'no-serve', 'no-ijw', 'port', 'host', 'json'],
  import: ['type', 'accept-valid', 'dry-run', 'sheet', 'profile', 'out', 'resolve', 'json'],
  lens: ['json'],
  check: ['json'],
  indicators: ['indicator', 'period', 'gemeente', 'by', 'list', 'mapping', 'json'],
  quality: ['period', 'gemeente', 'json'],
  serve: ['port', 'host', 'json'],
  users: ['role', 'scope', 'name', 'json'],
  report: ['gemeente', 'period', 'aanbieder', 'extern', 'team', 'out', 'format', 'json'],
  audit: ['user', 'subject', 'out', 'json'],
  benchmark: ['gemeente', 'reference', 'period', 'base', 'year', 'base-year', 'mapping', 'json'],
  businesscase: ['gemeente', 'file', 'json'],
  cbs: ['mapping', 'write', 'to', 'base-url', 'json'],
  retention: ['dry-run', 'json'],
  backup: ['out', 'json'],
  restore: ['from', 'json'],
};

/** Exit code when the data directory's store is in use by another process (EX_TEMPFAIL). */
export const EXIT_LOCKED = 75;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return command ? 0 : 2;
  }
  // everything Zicht writes (store, raw files, lens, logs, uploads) is for its own account alone
  if (!handoff.getStore()) process.umask(0o077);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      tokens: true,
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
  // one parser knows every option, so a command would silently ignore one meant for another
  // (`zicht indicators --mapping x.json` computed with the default mapping): refuse it instead
  const allowed = COMMAND_OPTIONS[command];
  const foreign = allowed === undefined ? [] : Object.keys(flags).filter((f) => f !== 'data-dir' && !allowed.includes(f));
  if (foreign.length > 0) {
    const list = foreign.map((f) => `--${f}`).join(', ');
    const known = allowed!.map((f) => `--${f}`).join(' ');
    console.error(`zicht ${command} kent ${list} niet; wel: ${known || '(geen)'} --data-dir / `
      + `zicht ${command} does not take ${list}`);
    return 2;
  }
  const cfg = configFrom(flags);
  // a running server owns the embedded store: hand the command over instead of opening it beside the server
  if (!cfg.databaseUrl && !handoff.getStore() && HANDOFF_COMMANDS.has(command)) {
    const owner = lockOwner(cfg.dataDir);
    if (owner && owner.pid !== process.pid && owner.socket) {
      return handOver(owner.socket, argv, parsed.tokens as Token[]);
    }
  }
  try {
    switch (command) {
      case 'demo': return await demoCommand(cfg, flags);
      case 'import': return await importCommand(cfg, positionals, flags);
      case 'lens': return await lensCommand(cfg, flags);
      case 'check': return await checkCommand(cfg, flags);
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
    if (err instanceof StoreLockedError) {
      console.error(err.message);
      return EXIT_LOCKED;
    }
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
