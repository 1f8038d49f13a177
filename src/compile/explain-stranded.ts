// A reference to an entity whose file does not parse is unresolved, but "there is no RuntimeConfig
// `cpu`" sends its author looking for a typo. After each link, the unresolved references whose
// target a broken document names (read leniently) say where it is defined and that the file does not
// parse; they go back to plain unresolved ones once that document parses or stops naming it.

import { unresolvedReference } from '../ground/core-rules/reference.js';
import { compareStrings, type Diagnostic } from '../ground/diagnostics.js';
import { createDiagnostic } from '../ground/rule-meta.js';
import { KIND_INFO, type Kind } from '../model/kinds.js';
import { DEFAULT_NAMESPACE, formatIdentity } from '../model/reference.js';
import { strandedDefinitions } from '../source/stranded-definitions.js';

const UNRESOLVED = unresolvedReference.id;

/** Where a version group is defined in a document that does not parse: its file and 1-based line. */
type StrandedAt = ReadonlyMap<string, { file: string; line: number }>;

/**
 * The problems with each unresolved reference explained by a broken document that names its target,
 * or plain when none does. `textOf` gives a file's text; only files with YAML syntax errors are read.
 */
export function explainStrandedReferences(diagnostics: Diagnostic[], textOf: (file: string) => string | undefined): Diagnostic[] {
  // Each broken file with the lines its syntax errors are at: only the documents holding one were dropped for it.
  const broken = new Map<string, number[]>();
  let references = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.ruleId === 'yaml/syntax') {
      const lines = broken.get(diagnostic.file) ?? [];
      broken.set(diagnostic.file, [...lines, diagnostic.range.start.line + 1]);
    } else if (diagnostic.ruleId === UNRESOLVED) references++;
  }
  if (references === 0) return diagnostics;
  const targets = new Set<string>();
  for (const diagnostic of diagnostics) {
    const target = diagnostic.ruleId === UNRESOLVED ? diagnostic.data.target : undefined;
    if (typeof target === 'string') targets.add(target.slice(target.lastIndexOf('/') + 1));
  }
  const stranded = strandedIn(broken, textOf, targets);
  if (stranded.size === 0 && !diagnostics.some((d) => d.messageId === 'inUnparsedFile')) return diagnostics;
  return diagnostics.map((diagnostic) => (diagnostic.ruleId === UNRESOLVED ? explained(diagnostic, stranded) : diagnostic));
}

/** Where the targets (by name) are defined in the broken files. */
function strandedIn(
  files: ReadonlyMap<string, readonly number[]>,
  textOf: (file: string) => string | undefined,
  names: ReadonlySet<string>,
): StrandedAt {
  const stranded = new Map<string, { file: string; line: number }>();
  for (const [file, lines] of [...files].sort(([a], [b]) => compareStrings(a, b))) {
    const text = textOf(file);
    if (text === undefined) continue;
    for (const definition of strandedDefinitions(text, { names, lines })) {
      const info = KIND_INFO[definition.kind as Kind] as (typeof KIND_INFO)[Kind] | undefined;
      if (info === undefined) continue;
      const groupKey = formatIdentity(info.slug, definition.namespace ?? DEFAULT_NAMESPACE, definition.name);
      if (!stranded.has(groupKey)) stranded.set(groupKey, { file, line: definition.line });
    }
  }
  return stranded;
}

/** The unresolved reference, explained where its target is stranded, plain where it is not. */
function explained(diagnostic: Diagnostic, stranded: StrandedAt): Diagnostic {
  const groupKey = targetGroupKey(diagnostic);
  const at = groupKey === undefined ? undefined : stranded.get(groupKey);
  // What the plain message says, kept in the explained one so that it can go back.
  const data = Object.fromEntries(
    ['ref', 'kind', 'target', 'hint'].flatMap((key) => {
      const value = diagnostic.data[key];
      return value === undefined ? [] : [[key, value]];
    }),
  );
  const messageId = at === undefined ? 'unresolved' : 'inUnparsedFile';
  if (messageId === diagnostic.messageId && (at === undefined || (diagnostic.data.file === at.file && diagnostic.data.line === at.line)))
    return diagnostic;
  const location = {
    file: diagnostic.file,
    range: diagnostic.range,
    ...(diagnostic.entity === undefined ? {} : { entity: diagnostic.entity }),
  };
  const remade = createDiagnostic(
    unresolvedReference,
    messageId,
    at === undefined ? data : { ...data, file: at.file, line: at.line },
    location,
  );
  // The severity rule settings gave it stands.
  return { ...remade, severity: diagnostic.severity };
}

/** The version group an unresolved reference names: its kind, and its target in the referring entity's namespace unless it names one. */
function targetGroupKey({ data, entity }: Diagnostic): string | undefined {
  const info = KIND_INFO[data.kind as Kind] as (typeof KIND_INFO)[Kind] | undefined;
  const target = data.target;
  if (info === undefined || typeof target !== 'string' || entity === undefined) return undefined;
  const slash = target.indexOf('/');
  if (slash !== -1) return formatIdentity(info.slug, target.slice(0, slash), target.slice(slash + 1));
  const namespace = entity.slice(entity.indexOf(':') + 1, entity.indexOf('/'));
  return formatIdentity(info.slug, namespace, target);
}
