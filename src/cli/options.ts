/**
 * How a command declares itself: its help lines, the options it takes (type, Dutch and English description,
 * repeatable or not) and what runs it. The parser and the help are made from this declaration, so an option a command
 * does not declare is refused with that command's help instead of being ignored.
 */
import { parseArgs } from 'node:util';
import type { Config } from './config.js';

export interface OptionSpec {
  /** 'number' is passed on as its text (the command converts it) and shown as N in the help */
  readonly type: 'string' | 'boolean' | 'number';
  readonly nl: string;
  readonly en: string;
  /** may be given more than once; the command receives a list */
  readonly repeatable?: boolean;
  /** how the value is shown in the help (`--out <bestand>`) */
  readonly value?: string;
  readonly short?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O['repeatable'] extends true
    ? string[]
    : string;

/** The parsed flags of a command with options O. */
export type FlagsOf<O extends OptionSpecs> = { -readonly [K in keyof O]?: ValueOf<O[K]> | undefined };

export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  readonly name: string;
  /** help lines: the first one beside the command's name, the others below it */
  readonly help: readonly string[];
  readonly options: O;
  readonly run: (cfg: Config, positionals: string[], flags: FlagsOf<O>) => Promise<number>;
}

/** Declares a command; the type of its flags follows from its options. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec {
  return spec as unknown as CommandSpec;
}

/** Options every command takes besides its own. */
export const COMMON_OPTIONS = {
  'data-dir': {
    type: 'string',
    value: '<map>',
    nl: 'datamap (of ZICHT_DATA_DIR; standaard ./.zicht)',
    en: 'data directory (or ZICHT_DATA_DIR; default ./.zicht)',
  },
  help: { type: 'boolean', short: 'h', nl: 'toon deze hulp', en: 'show this help' },
} as const satisfies OptionSpecs;

/** Every option a command takes: its own and the common ones. */
export function optionsOf(spec: CommandSpec): OptionSpecs {
  return { ...spec.options, ...COMMON_OPTIONS };
}

/** The command line names the command does not take: the option (`--x`, `-x`) as the user typed it. */
export class UnknownOptionError extends Error {
  constructor(readonly options: readonly string[]) {
    super(`unknown option ${options.join(', ')}`);
  }
}

function parserOptions(spec: CommandSpec) {
  return Object.fromEntries(
    Object.entries(optionsOf(spec)).map(([name, o]) => [
      name,
      {
        type: o.type === 'boolean' ? ('boolean' as const) : ('string' as const),
        ...(o.repeatable ? { multiple: true } : {}),
        ...(o.short ? { short: o.short } : {}),
      },
    ]),
  );
}

/**
 * Parses a command's arguments against its declaration. An option it does not declare throws UnknownOptionError
 * (every such option, as typed); other mistakes (a value missing) throw the parser's own error.
 */
export function parseCommandArgs(spec: CommandSpec, args: string[]) {
  const options = parserOptions(spec);
  // a lenient pass first, to name every undeclared option at once rather than the first one only
  const loose = parseArgs({ args, allowPositionals: true, tokens: true, strict: false, options });
  const unknown = loose.tokens
    .filter((t) => t.kind === 'option' && !Object.hasOwn(options, t.name))
    .map((t) => (t as { rawName: string }).rawName);
  if (unknown.length > 0) throw new UnknownOptionError([...new Set(unknown)]);
  const parsed = parseArgs({ args, allowPositionals: true, tokens: true, strict: true, options });
  return { ...parsed, values: parsed.values as Record<string, string | boolean | string[] | undefined> };
}

function optionLine(name: string, o: OptionSpec): [string, string] {
  const value = o.type === 'boolean' ? '' : ` ${o.value ?? (o.type === 'number' ? 'N' : '<tekst>')}`;
  const head = `${o.short ? `-${o.short}, ` : ''}--${name}${value}${o.repeatable ? ' …' : ''}`;
  return [head, o.nl === o.en ? o.nl : `${o.nl} / ${o.en}`];
}

/** The option table of a command's help, generated from its declaration. */
export function optionsHelp(spec: CommandSpec): string[] {
  const lines = Object.entries(optionsOf(spec)).map(([n, o]) => optionLine(n, o));
  const width = Math.max(...lines.map(([h]) => h.length)) + 2;
  return lines.map(([h, d]) => `    ${h.padEnd(width)}${d}`);
}
