// A Hugging Face card: YAML front matter between `---` lines, then Markdown whose headings name its
// sections. Reading splits the two and finds sections by heading; placeholders the card templates
// leave (`[More Information Needed]`, HTML comments) count as no text.

import { LineCounter, parseDocument } from 'yaml';
import { tooDeepProblem } from './yaml-depth.js';
import { InputError } from '../ground/errors.js';
import { isRecord } from '../model/kinds.js';
import { accountForKeys, strings, text, type KeyAccount, type KeyPolicy } from './mapping.js';
import { spdxLicense } from './spdx-license.js';
import { spdxLicenseId } from '../model/license-id.js';

export interface Card {
  /** The front matter, or an empty mapping when the card has none. */
  data: Record<string, unknown>;
  hasFrontMatter: boolean;
  /** The first level-1 heading, if any, unless it is the template's unfilled one. */
  title: string | undefined;
  /** The first level-1 heading as written, the template's unfilled one too (it still says what the card is of). */
  heading: string | undefined;
  sections: CardSection[];
}

/** What reading any card takes. */
export interface CardOptions {
  /** The card's display path, for messages. */
  file: string;
  /** The entity's name; default what the card says, else the card's folder. */
  name?: string | undefined;
  owner?: string | undefined;
  namespace?: string | undefined;
  /** The folder the card is in, the entity's name when nothing else gives one. */
  folderName: string;
}

/** Front matter keys `cardLicense` reads. */
export const LICENSE_KEYS = ['license', 'license_name', 'license_link'];

/**
 * The card's license: an SPDX id where it names one (`spdxLicense`: words and license URLs too),
 * `other` with a `license_name` or `license_link` that names an SPDX id as that id, `other` with
 * another `license_name` (and `license_link`) as that name, anything else as LicenseRef-… with a warning. A card lists one license; a list's
 * first is read.
 */
export function cardLicense(
  card: Card,
  file: string,
  unmapped: string[],
  warnings: string[],
): string | { name: string; url: string } | undefined {
  const licenses = strings(card.data.license);
  if (licenses.length > 1) unmapped.push(`${file}: license[1..] (one license is kept: the first)`);
  const license = licenses[0];
  if (license === undefined) return undefined;
  const customName = text(card.data.license_name);
  if (license === 'other' && customName !== undefined) {
    const link = text(card.data.license_link);
    const naming = [customName, link].find((name) => name !== undefined && spdxLicenseId(name) !== undefined);
    if (naming !== undefined) return spdxLicense(naming, `${file}: license`, warnings);
    return link !== undefined && /^https?:\/\//.test(link) ? { name: customName, url: link } : customName;
  }
  return spdxLicense(license, `${file}: license`, warnings);
}

export interface CardSection {
  heading: string;
  level: number;
  /** Text under the heading up to the next heading of any level. */
  text: string;
}

/** YAML front matter between `---` lines at a card's start. */
export const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;
const HEADING = /^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$/;
const PLACEHOLDER =
  /\[More Information Needed\](\([^)]*\))?|^More information needed\.?$|This (dataset ?card|model ?card) aims to be a base template for new (datasets|models)\. It has been generated using \[this raw template\]\([^)]*\)\.?/gim;
/** The title the card templates leave unfilled: `Dataset Card for Dataset Name`, `Model Card for Model ID`. */
const UNFILLED_TITLE = /^(dataset|model) ?card for "?(dataset name|model id|\{\{.*\}\})"?$/i;

/** Markdown's character references for the characters a card writer escapes. */
function decodeEntities(value: string): string {
  return value.replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
}

function cleanText(lines: string[]): string {
  return decodeEntities(
    lines
      .join('\n')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(PLACEHOLDER, ''),
  ).trim();
}

export function readCard(source: string, file: string): Card {
  const match = FRONT_MATTER.exec(source);
  let data: Record<string, unknown> = {};
  if (match !== null) {
    // The front matter starts on the file's second line.
    const tooDeep = tooDeepProblem(match[1] ?? '', file, 2);
    if (tooDeep !== undefined) throw new InputError(tooDeep);
    const lineCounter = new LineCounter();
    const document = parseDocument(match[1] ?? '', { prettyErrors: false, lineCounter });
    const error = document.errors[0];
    if (error !== undefined) {
      const position = lineCounter.linePos(error.pos[0]);
      // The front matter starts on the file's second line.
      const line = position.line + 1;
      const col = position.col;
      throw new InputError(`${file}:${line}:${col}: the front matter is not YAML: ${error.message.split('\n')[0] ?? ''}`);
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (toJsError) {
      // The yaml package refuses aliases that expand too far (billion laughs) by throwing.
      throw new InputError(`${file}:2:1: the front matter cannot be read: ${(toJsError as Error).message}.`);
    }
    if (value !== null && value !== undefined && !isRecord(value))
      throw new InputError(
        `${file}:2:1: the front matter is a ${Array.isArray(value) ? 'list' : typeof value}; a card's metadata is a YAML mapping (license: …, tags: […]).`,
      );
    data = isRecord(value) ? value : {};
  }
  const body = match === null ? source : source.slice(match[0].length);
  const sections: CardSection[] = [];
  let title: string | undefined;
  let firstHeading: string | undefined;
  let current: { heading: string; level: number; lines: string[] } | undefined;
  let fence: string | undefined;
  for (const line of body.split(/\r?\n/)) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch !== null) fence = fence === undefined ? fenceMatch[1] : fence === fenceMatch[1] ? undefined : fence;
    const heading = fence === undefined && fenceMatch === null ? HEADING.exec(line) : null;
    if (heading !== null) {
      if (current !== undefined) sections.push({ heading: current.heading, level: current.level, text: cleanText(current.lines) });
      const level = heading[1]?.length ?? 1;
      const name = decodeEntities(heading[2] ?? '').replace(/[*_`]/g, '');
      if (level === 1 && firstHeading === undefined) {
        firstHeading = name;
        if (!UNFILLED_TITLE.test(name.trim())) title = name;
      }
      current = { heading: name, level, lines: [] };
    } else current?.lines.push(line);
  }
  if (current !== undefined) sections.push({ heading: current.heading, level: current.level, text: cleanText(current.lines) });
  return { data, hasFrontMatter: match !== null, title, heading: firstHeading, sections };
}

/** Front matter keys for the Hub's pages only, left out on purpose: they say nothing about the model or data. */
export const HUB_PAGE_KEYS: ReadonlyMap<string, string> = new Map([
  ['widget', "examples for the Hub's inference widget"],
  ['inference', 'whether the Hub shows an inference widget'],
  ['thumbnail', "a picture for the Hub's page"],
  ['viewer', 'whether the Hub shows its dataset viewer'],
]);

/**
 * A card read for import, with what import reports from the start: where each front matter key goes
 * (mapped, dropped on purpose, or not mapped), and a missing front matter.
 */
export function readCardForImport(source: string, file: string, policy: KeyPolicy): { card: Card; warnings: string[] } & KeyAccount {
  const card = readCard(source, file);
  const warnings = card.hasFrontMatter ? [] : [`${file}: the card has no front matter (--- … ---); only its sections were read.`];
  const account: KeyAccount = { mapped: [], unmapped: [], dropped: [] };
  accountForKeys(card.data, file, policy, account);
  return { card, warnings, ...account };
}

/** The text of the first section whose heading matches, that has any. */
export function sectionText(card: Card, heading: RegExp): string | undefined {
  return card.sections.find((section) => heading.test(section.heading.trim()) && section.text !== '')?.text;
}

/** A section written as a bullet list, as its items; otherwise undefined. */
export function bulletItems(value: string): string[] | undefined {
  const lines = value.split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0 || !/^\s*[-*+][ \t]/.test(lines[0] ?? '')) return undefined;
  const items: string[] = [];
  for (const line of lines) {
    const bullet = /^\s*[-*+][ \t]+(.*)$/.exec(line);
    if (bullet !== null) items.push(bullet[1] ?? '');
    else if (items.length > 0) items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
    else return undefined;
  }
  return items.map((item) => item.trim());
}

/** The text under the card's title, before its first section: the paragraphs that introduce it. */
export function titleText(card: Card): string | undefined {
  const first = card.sections[0];
  return first?.level === 1 && first.text !== '' ? first.text : undefined;
}

/** A Markdown table: a row of cells, then its delimiter row. */
const TABLE = /^\s*\|?.*\|.*\n\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/m;

/**
 * Reports the sections with text that no mapping reads (their headings, in one line), and each that
 * holds a Markdown table on its own line: results in a table have no place an Evaluation could take
 * them from (model-index results are read).
 */
export function reportUnreadSections(card: Card, file: string, read: readonly RegExp[], unmapped: string[]): void {
  const unread = card.sections.filter(
    (section, index) =>
      section.text !== '' && !(index === 0 && section.level === 1) && !read.some((heading) => heading.test(section.heading.trim())),
  );
  for (const section of unread.filter((candidate) => TABLE.test(candidate.text)))
    unmapped.push(`${file}: section "${section.heading}": a Markdown table (tables are not read)`);
  if (unread.length > 0)
    unmapped.push(`${file}: sections ${unread.map((section) => `"${section.heading}"`).join(', ')} (no Dossier field for them)`);
}
