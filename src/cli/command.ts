// The shape of a CLI command and the flag parsing they share.

import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../ground/errors.js';
import { didYouMean } from '../ground/suggest.js';
import type { Terminal } from './terminal.js';

export interface CommandContext extends Terminal {
  cwd: string;
  version: string;
  /** Standard input, for commands that read `-`. */
  stdin?: AsyncIterable<Buffer | string>;
}

export interface Command {
  name: string;
  usage: string;
  /** The exit code; commands that do no I/O of their own answer at once. */
  run(args: readonly string[], context: CommandContext): Promise<number> | number;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

type FlagValues = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export class ParsedArgs {
  readonly positionals: readonly string[];
  readonly #values: FlagValues;

  constructor(values: FlagValues, positionals: readonly string[]) {
    this.#values = values;
    this.positionals = positionals;
  }

  string(flag: string): string | undefined {
    const value = this.#values[flag];
    return typeof value === 'string' ? value : undefined;
  }

  /** A flag that may be given several times. */
  strings(flag: string): string[] {
    const value = this.#values[flag];
    return Array.isArray(value)
      ? value.filter((item): item is string => typeof item === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
  }

  boolean(flag: string): boolean {
    return this.#values[flag] === true;
  }
}

/** Node's argument parser's complaint in Dossier's words (its own text tells how to pass a positional, which is not what went wrong). */
function argumentProblem(command: string, error: unknown, flags: readonly string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const suggestion = didYouMean(
      option.split('=')[0] ?? option,
      flags.map((flag) => `--${flag}`),
      'Its options',
    );
    return `\`dossier ${command}\` has no option \`${option}\`.${suggestion === '' ? '' : ` ${suggestion}`}`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (message.includes('argument missing')) return `\`${option}\` needs a value: \`${option} <value>\`.`;
    // `--max-count -3`: the value starts with a dash, so it may be another option.
    if (message.includes('ambiguous')) return `\`${option}\` needs a value; one that starts with \`-\` is written \`${option}=-…\`.`;
    return `\`${option}\` takes no value.`;
  }
  return message.split('\n')[0] ?? message;
}

export function parseCommandArgs(command: string, args: readonly string[], flags: FlagSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...flags, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return new ParsedArgs(values, positionals);
  } catch (error) {
    throw new UsageError(`${argumentProblem(command, error, Object.keys(flags))}\nRun \`dossier ${command} --help\` for the options.`);
  }
}

/** The flag every command that reads dependency catalogs takes. */
export const OFFLINE_FLAG: FlagSpec = { offline: { type: 'boolean' } };
export const OFFLINE_USAGE = '  --offline            use cached catalogs of dependencies only (.dossier/cache)';

/**
 * How dependency catalogs are fetched: `--offline`, DOSSIER_FETCH_TIMEOUT_MS, and
 * DOSSIER_CATALOG_PATHS (folders outside the repository that local catalogs may be read from).
 */
export function fetchOptions(
  parsed: ParsedArgs,
  env: CommandContext['env'],
): { offline: boolean; fetchTimeoutMs: number | undefined; catalogPaths: string[] } {
  const timeout = Number(env.DOSSIER_FETCH_TIMEOUT_MS);
  return {
    offline: parsed.boolean('offline'),
    fetchTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : undefined,
    catalogPaths: (env.DOSSIER_CATALOG_PATHS ?? '').split(path.delimiter).filter((folder) => folder !== ''),
  };
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got \`${value}\`.`);
}
