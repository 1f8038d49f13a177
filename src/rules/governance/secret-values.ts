// What looks like a secret written out: a value in a known token format, or a literal value under a
// name that says it holds one. Shared by the rules that keep secrets out of runtime env and
// training hyperparameters.

/** Names that say "this holds a secret". */
const SECRET_NAME = /(secret|token|passw(or)?d|passwd|api[_-]?key|private[_-]?key|access[_-]?key|credential|auth)/i;
/** Values that are secrets whatever their name: well-known token formats and private keys. */
const SECRET_VALUE = [
  /AKIA[0-9A-Z]{16}/, // AWS access key id
  /gh[pousr]_[A-Za-z0-9]{36,}/, // GitHub tokens
  /xox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /sk-[A-Za-z0-9_-]{20,}/, // OpenAI-style keys
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\./, // JWT
];
/** Values that point at a secret instead of holding one. */
const REFERENCE =
  /^(\$\{[^}]+\}|\$[A-Z_][A-Z0-9_]*|secretRef:.*|vault:.*|(aws|gcp|azure)-?secret(s)?:.*|arn:aws:secretsmanager:.*|projects\/[^/]+\/secrets\/.*)$/i;

/** Short values under a secret's name that are settings, not secrets: switches and numbers (`AUTH_ENABLED: "true"`, `TOKEN_TTL: "3600"`). */
const SETTING_VALUE = /^(true|false|yes|no|on|off|none|null|enabled|disabled|required|optional|[0-9]+[smhd]?)$/i;
/** Names of settings about a secret rather than the secret (`TOKEN_TTL`, `AUTH_URL`, `PASSWORD_FILE`). */
const SETTING_NAME =
  /[_.-](ttl|timeout|url|uri|endpoint|host|port|file|path|header|type|mode|method|enabled|expiry|length|provider|issuer|audience|scope)$/i;
/** Below this length a value under a secret's name is reported only when it is no setting. */
const SHORT_SECRET = 8;

/** How a named value gives a secret away, or undefined when it does not. */
export function secretKind(name: string, value: unknown): 'value' | 'name' | undefined {
  if (typeof value !== 'string' || value === '' || REFERENCE.test(value)) return undefined;
  if (SECRET_VALUE.some((pattern) => pattern.test(value))) return 'value';
  if (!SECRET_NAME.test(name)) return undefined;
  // A short password is still a password (`password: hunter2`); only what reads as a setting is let through.
  if (value.length >= SHORT_SECRET || !(SETTING_VALUE.test(value) || SETTING_NAME.test(name))) return 'name';
  return undefined;
}

/** What a report shows instead of a secret. */
export const REDACTED = '[redacted]';

/**
 * A value with every secret in it replaced by `REDACTED`, each judged by the name it is written
 * under (`name` for the value itself): for reports that show values (a PR comment of the diff),
 * which must not repeat a secret that lint has just flagged.
 */
export function withoutSecrets(value: unknown, name: string): unknown {
  if (typeof value === 'string') return secretKind(name, value) === undefined ? value : REDACTED;
  if (Array.isArray(value)) return value.map((item) => withoutSecrets(item, name));
  if (typeof value === 'object' && value !== null && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutSecrets(item, key)]));
  return value;
}
