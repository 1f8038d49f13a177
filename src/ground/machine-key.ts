// A random key of this machine's user, kept outside every repository: mixed into what a cache
// entry must have been written under, so that a cache committed to a repository, copied from
// another machine or forged by a pull request is never read as this machine's own.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

const KEY_BYTES = 32;

/** `$DOSSIER_KEY_DIR`, else `$XDG_CACHE_HOME/dossier`, else `~/.cache/dossier`. */
export function machineKeyDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DOSSIER_KEY_DIR !== undefined && env.DOSSIER_KEY_DIR !== '') return path.resolve(env.DOSSIER_KEY_DIR);
  const base =
    env.XDG_CACHE_HOME !== undefined && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'dossier');
}

let key: string | undefined;

/**
 * The key, made on first use (readable by this user only). Where it can be neither read nor made
 * (a read-only home), a key of this process alone: caches are then written but never read again,
 * which is slower and never wrong.
 */
export function machineKey(): string {
  key ??= readOrMakeKey(path.join(machineKeyDir(), 'machine-key'));
  return key;
}

function readOrMakeKey(file: string): string {
  const existing = readKey(file);
  if (existing !== undefined) return existing;
  const made = randomBytes(KEY_BYTES).toString('hex');
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx': two processes making the key at once agree on the first one written.
    writeFileSync(file, `${made}\n`, { flag: 'wx', mode: 0o600 });
    return made;
  } catch {
    return readKey(file) ?? made;
  }
}

function readKey(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the key read, for tests that point `DOSSIER_KEY_DIR` elsewhere. */
export function forgetMachineKey(): void {
  key = undefined;
}
