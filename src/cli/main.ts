/**
 * The zicht command line. Every job has a command; every command that prints data has --json;
 * long work shows progress on stderr.
 */
import { configFrom } from './config.js';
import { REGISTRY } from './commands/index.js';
import { optionsHelp, parseCommandArgs, UnknownOptionError, type CommandSpec } from './options.js';
import { LensMissingError } from '../lens/lens.js';
import { UserError } from '../domain/errors.js';
import { StoreError } from '../store/errors.js';
import { lockOwner, StoreLockedError } from '../store/dirLock.js';
import { HANDOFF_COMMANDS, handOver, registerCommandRunner, type Token } from './adminSocket.js';
import { handoff } from './handoffContext.js';

/**
 * Every command as `zicht help` and the tests see it: its help lines and the names of the options it takes (besides
 * --data-dir and --help). The declarations themselves (types, descriptions) sit beside each command, in
 * commands/*Cmd.ts, gathered in commands/index.ts.
 */
export const COMMANDS: Readonly<
  Record<string, { readonly help: readonly string[]; readonly options: readonly string[] }>
> = Object.fromEntries([...REGISTRY].map(([name, c]) => [name, { help: c.help, options: Object.keys(c.options) }]));

/** The options each command reads (besides --data-dir), from the declarations. */
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
  "draait 'zicht serve', dan gaan users, tokens, import, report, audit, lens, check, businesscase, backup en retention via de " +
    'server;',
  'andere opdrachten worden geweigerd (exit 75) met wie de datamap gebruikt.',
  'Eén opdracht met al haar opties / one command and its options: zicht help <opdracht> of zicht <opdracht> --help.',
];

function commandBlock(name: string, c: { readonly help: readonly string[] }): string[] {
  const [first = '', ...more] = c.help;
  const head = name.length >= 12 ? `${name}  ` : name.padEnd(12);
  return [`  ${head}${first}`, ...more.map((l) => `${' '.repeat(14)}${l}`)];
}

/** The whole help, generated from COMMANDS. */
export function helpText(): string {
  return [...HEADER, ...[...REGISTRY].flatMap(([n, c]) => commandBlock(n, c)), '', ...FOOTER, ''].join('\n');
}

/** One command's help, generated from its declaration: its lines and the options it takes. */
export function commandHelp(name: string): string {
  const c = REGISTRY.get(name)!;
  return [
    'Gebruik / usage: zicht ' + name + ' [opties]',
    '',
    ...commandBlock(name, c),
    '',
    '  opties / options:',
    ...optionsHelp(c),
    '',
  ].join('\n');
}

/** Exit code when the data directory's store is in use by another process (EX_TEMPFAIL). */
export const EXIT_LOCKED = 75;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' && rest[0] !== undefined) {
    // zicht help <command>: that command's help, the same as zicht <command> --help
    if (!REGISTRY.has(rest[0])) {
      console.error(`Onbekende opdracht / unknown command: ${rest[0]}\n\n${helpText()}`);
      return 2;
    }
    console.log(commandHelp(rest[0]));
    return 0;
  }
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(helpText());
    return command ? 0 : 2;
  }
  const spec: CommandSpec | undefined = REGISTRY.get(command);
  if (!spec) {
    console.error(`Onbekende opdracht / unknown command: ${command}\n\n${helpText()}`);
    return 2;
  }
  // everything Zicht writes (store, raw files, lens, logs, uploads) is for its own account alone
  if (!handoff.getStore()) process.umask(0o077);
  let parsed;
  try {
    parsed = parseCommandArgs(spec, rest);
  } catch (err) {
    // an option the command does not declare is refused, not ignored (`zicht indicators --mapping x.json` would
    // otherwise compute with the default mapping), with the command's help; other mistakes (a value missing) keep
    // the parser's own words
    const said =
      err instanceof UnknownOptionError
        ? new UserError('onbekende_optie', { command, options: err.options.join(', ') }).bilingual
        : (err as Error).message;
    console.error(`${said}\n\n${commandHelp(command)}`);
    return 2;
  }
  const { values: flags, positionals } = parsed;
  if (flags.help) {
    console.log(commandHelp(command));
    return 0;
  }
  try {
    // the settings are read (and a value Zicht does not understand refused, cli/config.ts) inside the try
    const cfg = configFrom(flags as { 'data-dir'?: string });
    // a running server owns the embedded store: hand the command over instead of opening it beside the server
    if (!cfg.databaseUrl && !handoff.getStore() && HANDOFF_COMMANDS.has(command)) {
      const owner = lockOwner(cfg.dataDir);
      if (owner && owner.pid !== process.pid && owner.socket) {
        return handOver(owner.socket, argv, parsed.tokens as Token[]);
      }
    }
    // the parser built its options from the same declaration, so the values have the types run() expects
    return await spec.run(cfg, positionals, flags as Parameters<CommandSpec['run']>[2]);
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
