/**
 * The zicht command line. Every job has a command; every command that prints data has --json;
 * long work shows progress on stderr.
 */
import { parseArgs } from 'node:util';
import { configFrom, type Config } from './config.js';
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
import { UserError } from '../domain/errors.js';
import { StoreError } from '../store/errors.js';
import { lockOwner, StoreLockedError } from '../store/dirLock.js';
import { HANDOFF_COMMANDS, handOver, registerCommandRunner, type Token } from './adminSocket.js';
import { handoff } from './handoffContext.js';

/**
 * Every option's type, once: an option means the same in every command, so one parser types them all; which command
 * takes which option is declared in COMMANDS.
 */
const OPTION_TYPES = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  size: { type: 'string' },
  seed: { type: 'string' },
  until: { type: 'string' },
  fresh: { type: 'boolean' },
  'no-serve': { type: 'boolean' },
  'no-ijw': { type: 'boolean' },
  type: { type: 'string' },
  'accept-valid': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  indicator: { type: 'string' },
  gemeente: { type: 'string' },
  period: { type: 'string' },
  by: { type: 'string' },
  list: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  role: { type: 'string' },
  scope: { type: 'string', multiple: true },
  name: { type: 'string' },
  user: { type: 'string' },
  subject: { type: 'string' },
  out: { type: 'string' },
  aanbieder: { type: 'string' },
  extern: { type: 'boolean' },
  format: { type: 'string' },
  reference: { type: 'string' },
  base: { type: 'string' },
  year: { type: 'string' },
  'base-year': { type: 'string' },
  mapping: { type: 'string' },
  write: { type: 'boolean' },
  file: { type: 'string' },
  sheet: { type: 'string' },
  profile: { type: 'string' },
  team: { type: 'string' },
  resolve: { type: 'string' },
  to: { type: 'string' },
  from: { type: 'string' },
  'base-url': { type: 'string' },
  init: { type: 'boolean' },
} as const;

/** Options every command takes besides its own. */
const COMMON_OPTIONS = ['data-dir', 'help'] as const;

type OptionName = Exclude<keyof typeof OPTION_TYPES, (typeof COMMON_OPTIONS)[number]>;

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, tokens: true, options: OPTION_TYPES });
}
type Flags = ReturnType<typeof parse>['values'];

interface CommandSpec {
  /** help lines: the first one beside the command's name, the others below it */
  readonly help: readonly string[];
  readonly options: readonly OptionName[];
  readonly run: (cfg: Config, positionals: string[], flags: Flags) => Promise<number>;
}

/**
 * Every command once: its help (Dutch / English, shown by `zicht help`, `zicht <command> --help` and with a refusal),
 * the options it takes (anything else is refused, not ignored) and what runs it.
 */
export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  demo: {
    help: [
      'maak en laad de demoregio (fictieve gemeenten) en toon de kerncijfers',
      '--size region|national  --seed N  --until JJJJ-MM-DD  --fresh  --no-serve  --json',
      'het laatste jaar komt als iJw 3.2-berichten (JW315/301/305/307/323/325) binnen via de',
      'iJw-importeur, de jaren ervoor als CSV uit de eigen administratie; --no-ijw (en --size national): alles als CSV',
    ],
    options: ['size', 'seed', 'until', 'fresh', 'no-serve', 'no-ijw', 'port', 'host', 'json'],
    run: (cfg, _p, f) => demoCommand(cfg, f),
  },
  import: {
    help: [
      'lees bestanden in (canonieke CSV: trajecten, basishulp, budget, tevredenheid,',
      'bevolking, declaraties); één transactie per bestand',
      '--type <soort>  --accept-valid  --dry-run  --json',
      'Excel (.xlsx): eerste blad of --sheet <naam>; eigen kolomnamen via --profile <naam>',
      '(profiles: toon opgeslagen profielen; profile-add <profiel.json>: sla een profiel op)',
      'quarantine [--json] | --out <map> (te corrigeren regels) | --resolve <nr,…>',
      'bron traject <gemeente> <traject_id> [--json]: uit welke bestanden en berichten een traject komt;',
      'bron <run-nr|sha256> --out <bestand>: dat bronbestand zoals ontvangen (beide in het toegangslog)',
    ],
    options: ['type', 'accept-valid', 'dry-run', 'sheet', 'profile', 'out', 'resolve', 'json'],
    run: (cfg, p, f) => importCommand(cfg, p, f),
  },
  lens: {
    help: ['bouw de analyse-lens (DuckDB) opnieuw op uit de database  --json'],
    options: ['json'],
    run: (cfg, _p, f) => lensCommand(cfg, f),
  },
  check: {
    help: ['klopt de lens met de ingelezen gegevens in de database? (afwijking: exit 1)  --json'],
    options: ['json'],
    run: (cfg, _p, f) => checkCommand(cfg, f),
  },
  indicators: {
    help: [
      'bereken indicatoren: --indicator <id,…> --period <2024|2024H1|2024Q3|2024-03>',
      '[--gemeente <code,…|all|regio:<code>|totaal>] [--by <dimensie>] [--mapping <bestand>] [--json];',
      '--list [--json] toont de catalogus; CBS-cijfers via de koppeling van zicht cbs mapping',
      '(regio:/totaal: tellingen opgeteld, aandelen gepoold; mediaan/score/model niet optelbaar)',
    ],
    options: ['indicator', 'period', 'gemeente', 'by', 'list', 'mapping', 'json'],
    run: (cfg, _p, f) => indicatorsCommand(cfg, f),
  },
  quality: {
    help: [
      'datakwaliteit per gemeente: startberichten, stopberichten, tijdigheid, declaraties gekoppeld',
      'en zonder gaten, bevolkingscijfer:  --period <…> [--gemeente <code,…>] [--json]',
    ],
    options: ['period', 'gemeente', 'json'],
    run: (cfg, _p, f) => qualityCommand(cfg, f),
  },
  serve: {
    help: ['start de webapplicatie en API (standaard http://127.0.0.1:8080)  --port N  --host H  --json'],
    options: ['port', 'host', 'json'],
    run: (cfg, _p, f) => serveCommand(cfg, f),
  },
  users: {
    help: [
      'accounts beheren: list | add <naam> --role R --scope soort=sleutel | disable | enable |',
      'password | totp-reset | code (alleen demo)',
    ],
    options: ['role', 'scope', 'name', 'json'],
    run: (cfg, p, f) => usersCommand(cfg, p, f),
  },
  report: {
    help: [
      'rapport als PDF of Excel: maand|raad|aanbieder --gemeente <code> --period <…>',
      '[--aanbieder <agb>] [--extern] [--team <team> (maand)] --out <bestand.pdf|bestand.xlsx>;',
      'save <naam> <soort> … --out <map> | list | due  (bewaarde rapporten, voor cron)',
    ],
    options: ['gemeente', 'period', 'aanbieder', 'extern', 'team', 'out', 'format', 'json'],
    run: (cfg, p, f) => reportCommand(cfg, p, f),
  },
  audit: {
    help: [
      'toegangslog: verify | list [--user u] [--subject pseudoniem] | export --out bestand.csv',
      '(verify vergelijkt ook met de kop buiten de database: <datamap>.audit-head of ZICHT_AUDIT_HEAD_FILE)',
      'head --init: start bewust een nieuwe kop als die ontbreekt (wordt gelogd)',
    ],
    options: ['user', 'subject', 'out', 'json', 'init'],
    run: (cfg, p, f) => auditCommand(cfg, p, f),
  },
  retention: {
    help: [
      'bewaartermijnen (privacy.md regel 6): terms | run [--dry-run] | reseal [--dry-run]  [--json]',
      'run verwijdert persoonsgegevens over hun termijn (per soort en gemeente, in het toegangslog) en',
      'verzegelt oude onverzegelde bronbestanden; termijnen: <datamap>/retention.json of ZICHT_RETENTION_FILE',
    ],
    options: ['dry-run', 'json'],
    run: (cfg, p, f) => retentionCommand(cfg, p, f),
  },
  backup: {
    help: ['--out <map> [--json]: consistente kopie van de database en de bronbestanden, zonder sleutel'],
    options: ['out', 'json'],
    run: (cfg, _p, f) => backupCommand(cfg, f),
  },
  restore: {
    help: ['--from <back-upmap> --data-dir <nieuwe map> [--json]: zet een back-up terug en bouwt de lens'],
    options: ['from', 'json'],
    run: (cfg, _p, f) => restoreCommand(cfg, f),
  },
  benchmark: {
    help: [
      'vergelijk een gemeente met een referentiegroep (Verwey-Jonker-tabel, verwacht vs feitelijk):',
      '--gemeente <code> [--reference grootteklasse|regio|vergelijkbaar[:k]|lijst:<codes>|nederland]',
      '[--period 2024H1] [--base 2017H1] [--year 2023] [--base-year 2017] [--mapping <bestand>] [--json]',
    ],
    options: ['gemeente', 'reference', 'period', 'base', 'year', 'base-year', 'mapping', 'json'],
    run: (cfg, _p, f) => benchmarkCommand(cfg, f),
  },
  businesscase: {
    help: [
      'investering tegen besparing (basispad − gerealiseerd), budgetneutraal- en terugverdienjaar:',
      '[list] [--gemeente <code>] [--json] | add --file <case.json>',
    ],
    options: ['gemeente', 'file', 'json'],
    run: (cfg, p, f) => businessCaseCommand(cfg, p, f),
  },
  cbs: {
    help: [
      'mapping [--json] [--write]: welke CBS-tabel/-onderwerp welk vergelijkingscijfer voedt',
      'fetch <tabelnummer…> [--to <map>]: haal tabellen op bij CBS StatLine (OData v3) als offline spiegel',
    ],
    options: ['mapping', 'write', 'to', 'base-url', 'json'],
    run: (cfg, p, f) => cbsCommand(cfg, p, f),
  },
};

/** The options each command reads (besides --data-dir), from COMMANDS. */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(COMMANDS).map(([name, c]) => [name, c.options]),
);

const HEADER = [
  'zicht — stuurinformatie jeugdhulp / steering information for youth care',
  '',
  'Gebruik / usage: zicht <opdracht> [opties]',
  '',
];
const FOOTER = [
  'Algemeen: --data-dir <map> (of ZICHT_DATA_DIR; standaard ./.zicht). Met DATABASE_URL gebruikt Zicht',
  'PostgreSQL in plaats van de ingebouwde database (PGlite). Eén proces tegelijk opent de ingebouwde database:',
  "draait 'zicht serve', dan gaan users, import, report, audit, lens, check, businesscase, backup en retention via de " +
    'server;',
  'andere opdrachten worden geweigerd (exit 75) met wie de datamap gebruikt.',
];

function commandBlock(name: string, c: CommandSpec): string[] {
  const [first = '', ...more] = c.help;
  const head = name.length >= 12 ? `${name}  ` : name.padEnd(12);
  return [`  ${head}${first}`, ...more.map((l) => `${' '.repeat(14)}${l}`)];
}

/** The whole help, generated from COMMANDS. */
export function helpText(): string {
  return [...HEADER, ...Object.entries(COMMANDS).flatMap(([n, c]) => commandBlock(n, c)), '', ...FOOTER, ''].join('\n');
}

/** One command's help: its lines and the options it takes. */
export function commandHelp(name: string): string {
  const c = COMMANDS[name]!;
  const options = [...c.options, 'data-dir'].map((o) => `--${o}`).join(' ');
  return [
    'Gebruik / usage: zicht ' + name + ' [opties]',
    '',
    ...commandBlock(name, c),
    '',
    `  opties / options: ${options}`,
    '',
  ].join('\n');
}

function refusal(command: string, options: string): string {
  return `zicht ${command} kent ${options} niet / zicht ${command} does not take ${options}`;
}

/** Exit code when the data directory's store is in use by another process (EX_TEMPFAIL). */
export const EXIT_LOCKED = 75;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(helpText());
    return command ? 0 : 2;
  }
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) {
    console.error(`Onbekende opdracht / unknown command: ${command}\n\n${helpText()}`);
    return 2;
  }
  // everything Zicht writes (store, raw files, lens, logs, uploads) is for its own account alone
  if (!handoff.getStore()) process.umask(0o077);
  let parsed;
  try {
    parsed = parse(rest);
  } catch (err) {
    // an option no command knows is refused like one this command does not take; other mistakes (a value missing)
    // keep the parser's own words
    const unknown =
      (err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? /'(-[^']*)'/.exec((err as Error).message)?.[1]
        : undefined;
    console.error(`${unknown ? refusal(command, unknown) : (err as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  if (flags.help) {
    console.log(commandHelp(command));
    return 0;
  }
  // one parser knows every option, so a command would silently ignore one meant for another
  // (`zicht indicators --mapping x.json` computed with the default mapping): refuse it instead
  const own: readonly string[] = [...spec.options, ...COMMON_OPTIONS];
  const foreign = Object.keys(flags).filter((f) => !own.includes(f));
  if (foreign.length > 0) {
    const list = foreign.map((f) => `--${f}`).join(', ');
    console.error(`${refusal(command, list)}\n\n${commandHelp(command)}`);
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
    return await spec.run(cfg, positionals, flags);
  } catch (err) {
    if (err instanceof StoreLockedError) {
      console.error(err.message);
      return EXIT_LOCKED;
    }
    if (err instanceof LensMissingError) {
      console.error(err.message);
      return 1;
    }
    // every user-facing error from any layer (domain/errors.ts), told once here: the text on stderr in Dutch and
    // English, exit 2; with --json also the error object on stdout, in the API's shape
    if (err instanceof UserError) {
      console.error(err.bilingual);
      if (flags.json) console.log(JSON.stringify({ error: { code: err.code, message: err.nl, messageEn: err.en } }));
      return 2;
    }
    if (err instanceof StoreError) {
      console.error(`Databasefout / database error${err.code ? ` (${err.code})` : ''}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

// a command handed to a running server (cli/adminSocket.ts) runs through this same main()
registerCommandRunner(main);
