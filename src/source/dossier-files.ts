// Which YAML files are Dossier's. FORMAT.md: a YAML file whose document has `apiVersion: dossier/v1`
// is an entity; other YAML files are ignored, not errors. So a file that cannot be read or parsed
// (a compose file with a key given twice, a CloudFormation template's `!Ref` tags, a Helm template,
// a Latin-1 or UTF-16 config) is reported only when its text names a Dossier apiVersion.

import { isRecord } from '../model/kinds.js';

const DOSSIER_API_VERSION = /apiVersion["']?[ \t]*:\s*["']?dossier\//i;

/** How much of a file that is not UTF-8 text, or is too large to parse, is searched for an apiVersion. */
const SEARCHED_BYTES = 64 * 1024;

const DOSSIER = /dossier\//i;

/**
 * Whether a text mentions `dossier/` at all. One that does not holds no Dossier document, however
 * its YAML is written (quoted, tagged, through an alias), so it need not be parsed: an 8 MB OpenAPI
 * file beside the metadata costs a scan, not a parse.
 */
export function mentionsDossier(text: string): boolean {
  return DOSSIER.test(text);
}

/** Whether YAML text names a Dossier apiVersion (any version: `dossier/v2` is reported as unsupported). */
export function mayHoldEntities(text: string): boolean {
  return DOSSIER_API_VERSION.test(text);
}

/** `mayHoldEntities` of bytes that are not UTF-8 text, or too many to read: their first 64 KB, as Latin-1 or UTF-16. */
export function bytesMayHoldEntities(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SEARCHED_BYTES));
  return mayHoldEntities(head.toString('latin1').replaceAll('\0', ''));
}

/** Whether a parsed document is meant for Dossier: its apiVersion starts with `dossier/`. */
export function isDossierDocument(value: unknown): value is Record<string, unknown> & { apiVersion: string } {
  return isRecord(value) && typeof value.apiVersion === 'string' && value.apiVersion.toLowerCase().startsWith('dossier/');
}
