// Licences as SPDX ids (https://spdx.org/licenses/): whether a licence is written as one, and the id
// a licence written otherwise names — an id in any case, words ("Apache 2.0", "Creative Commons
// Attribution Non Commercial Share Alike 4.0") or a licence page's URL, read by spdx-correct. Lint
// hints with it; importers and exports convert with it, so both speak one vocabulary.

import parseSpdxExpression from 'spdx-expression-parse';
import type spdxCorrectFunction from 'spdx-correct';
import SPDX_IDS from 'spdx-license-ids/index.json' with { type: 'json' };
import { lazyModule } from '../ground/lazy-module.js';

/** spdx-correct sorts its tables of spellings when it loads: loaded for the first licence that is not an id. */
const spdxCorrect = lazyModule<typeof spdxCorrectFunction>('spdx-correct');

/** The current SPDX ids by their lowercase spelling: an id in any case is that id, never a guess (`cdla-sharing-1.0`). */
const ID_OF_LOWERCASE = new Map(SPDX_IDS.map((id) => [id.toLowerCase(), id]));

/** Creative Commons license words as the elements of their SPDX ids (spdx-correct reads `CC BY NC SA 4.0`, not the words). */
const CC_WORDS: readonly [RegExp, string][] = [
  [/\bcreative\s*commons\b/gi, 'CC'],
  [/\battribution\b/gi, 'BY'],
  [/\bnon[\s-]*commercial\b/gi, 'NC'],
  [/\bshare[\s-]*alike\b/gi, 'SA'],
  [/\bno[\s-]*deriv(ative)?s\b/gi, 'ND'],
  [/\binternational\b/gi, ''],
];

/** The SPDX id `value` is in any case, else the one spdx-correct makes of it, as written or with Creative Commons words as elements. */
function corrected(value: string): string | undefined {
  const exact = ID_OF_LOWERCASE.get(value.toLowerCase());
  if (exact !== undefined) return exact;
  const words = CC_WORDS.reduce((result, [pattern, element]) => result.replace(pattern, element), value);
  const correct = spdxCorrect();
  const spelled = words.replace(/\s+/g, ' ').trim();
  const guess = gnuVersionOnly(correct(value, { upgrade: false })) ?? correct(value) ?? correct(spelled) ?? undefined;
  // A reading, never an invention: the id must carry the version the text gives, no other (spdx-correct
  // reads `GPL` as GPL-3.0-or-later, `bsd` as BSD-2-Clause and Hugging Face's `lgpl-lr` as an LGPL).
  return guess !== undefined && digitsOf(guess) === digitsOf(value) ? guess : undefined;
}

/**
 * A GNU license id without `-only` or `-or-later` (`GPL-3.0`, as Hugging Face's `gpl-3.0` reads) is
 * SPDX's deprecated spelling of `-only`: spdx-correct upgrades the 2.x ones so but the 3.0 ones to
 * `-or-later`, which grants more than the text says.
 */
function gnuVersionOnly(id: string | null): string | undefined {
  return id !== null && /^(A|L)?GPL-\d\.\d$/.test(id) ? `${id}-only` : undefined;
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The id a license page's URL names: a Creative Commons deed or legal code by its path
 * (`creativecommons.org/licenses/by-nc-sa/4.0/` is CC-BY-NC-SA-4.0), else its last path segment, or
 * the last two (`opensource.org/licenses/MIT`, `gnu.org/licenses/gpl-3.0.html`), as spdx-correct reads them.
 */
function idOfUrl(url: URL): string | undefined {
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  if (/(^|\.)creativecommons\.org$/i.test(url.hostname)) {
    const [kind, elements, version] = segments;
    if (kind === 'publicdomain' && elements === 'zero' && version !== undefined) return corrected(`CC0-${version}`);
    if (kind === 'licenses' && elements !== undefined && version !== undefined) return corrected(`CC-${elements}-${version}`);
    return undefined;
  }
  const last = segments.at(-1)?.replace(/\.(html?|txt|json|php)$/i, '');
  if (last === undefined) return undefined;
  return corrected(last) ?? (segments.length > 1 ? corrected(`${segments.at(-2) ?? ''} ${last}`) : undefined);
}

/**
 * The SPDX id a license names, or undefined when it names none: an id in any case (`apache-2.0`),
 * words spdx-correct reads (`Apache 2.0`, `GPL`, Creative Commons names spelled out) or the URL of a
 * license's page. Ids spdx-correct retired are read as their successor (`GPL-2.0` is GPL-2.0-only).
 */
export function spdxLicenseId(value: string): string | undefined {
  // spdx-correct tries dozens of spellings of each: an import of ten thousand datasets asks for a few licences ten thousand times.
  if (READINGS.has(value)) return READINGS.get(value);
  const id = readLicenseId(value);
  if (READINGS.size >= MAX_READINGS) READINGS.clear();
  READINGS.set(value, id);
  return id;
}

const READINGS = new Map<string, string | undefined>();
const MAX_READINGS = 10_000;

function readLicenseId(value: string): string | undefined {
  const license = value.trim();
  if (license === '') return undefined;
  if (!/^https?:\/\//i.test(license)) return correctedExpression(license);
  try {
    return idOfUrl(new URL(license));
  } catch {
    return undefined;
  }
}

/** `or` and `and` between licences, as people write them. */
const CONJUNCTION = /\s+(or|and)\s+/i;

/**
 * A licence, or licences joined by `or`/`and`, each read on its own (spdx-correct reads a whole
 * expression as one licence: `mit or gpl-3.0-only` became GPL-3.0-or-later). Parentheses, `with`
 * and a dangling operator are not read: the reading must never change what was written.
 */
function correctedExpression(license: string): string | undefined {
  if (/[()]|\bwith\b|^(or|and)\b|\b(or|and)$/i.test(license)) return undefined;
  const parts = license.split(CONJUNCTION);
  if (parts.length === 1) return corrected(license);
  const read = parts.map((part, index) => (index % 2 === 1 ? part.toUpperCase() : corrected(part)));
  if (read.some((part) => part === undefined)) return undefined;
  const expression = read.join(' ');
  return isSpdxLicense(expression) ? expression : undefined;
}

/** What FORMAT.md accepts besides SPDX ids: a licence that grants nothing to others. */
export const PROPRIETARY = 'proprietary';

/**
 * Whether a licence is written as FORMAT.md asks: an SPDX id or expression exactly as SPDX spells
 * it (`Apache-2.0`, `MIT OR Apache-2.0`, `LicenseRef-acme`), or `proprietary`.
 */
export function isSpdxLicense(value: string): boolean {
  if (value === PROPRIETARY) return true;
  try {
    parseSpdxExpression(value);
    return true;
  } catch {
    return false;
  }
}
