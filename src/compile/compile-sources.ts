// The pure core: source texts in, Catalog and diagnostics out. No file system, so git revisions compile alike.

import { buildCatalog } from '../catalog/build-catalog.js';
import type { CompileResult } from '../catalog/catalog.js';
import type { Entity } from '../catalog/entity.js';
import { findCycles } from '../catalog/find-cycles.js';
import type { LocateNode } from '../catalog/locations.js';
import { resolveReferences } from '../catalog/resolve-references.js';
import type { RuleSetting } from '../config/load-config.js';
import { compareDiagnostics, ZERO_RANGE, type Diagnostic } from '../diagnostics.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import { DocumentValidator } from '../validate/validate-document.js';

export interface SourceText {
  /** Display path of the file. */
  file: string;
  text: string;
}

export interface CompileInput {
  sources: readonly SourceText[];
  /** Problems found before parsing (unreadable, binary, too large ...). */
  fileDiagnostics?: readonly Diagnostic[];
  rules?: Readonly<Record<string, RuleSetting>>;
}

let sharedValidator: DocumentValidator | undefined;

export function compileSources(input: CompileInput): CompileResult {
  sharedValidator ??= new DocumentValidator();
  const validator = sharedValidator;
  const locators = new Map<string, SourceLocator>();
  const diagnostics: Diagnostic[] = [...(input.fileDiagnostics ?? [])];
  const entities: Entity[] = [];

  for (const { file, text } of input.sources) {
    const locator = new SourceLocator(text);
    locators.set(file, locator);
    const parsed = parseYaml(text, file, () => locator.lines);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) {
      const result = validator.validate({ file, document, locator });
      if (result.entity) entities.push(result.entity);
      diagnostics.push(...result.diagnostics);
    }
  }

  const locate: LocateNode = (file, document, pointer, part) => locators.get(file)?.locate(document, pointer, part) ?? ZERO_RANGE;
  const built = buildCatalog(entities, locate);
  const resolution = resolveReferences(built.catalog, locate);
  built.catalog.setRelations(resolution.relations);
  diagnostics.push(...built.diagnostics, ...resolution.diagnostics, ...findCycles(built.catalog, resolution.relations, locate));

  return {
    catalog: built.catalog,
    diagnostics: applyRuleSettings(diagnostics, input.rules ?? {}).sort(compareDiagnostics),
    fileCount: input.sources.length + (input.fileDiagnostics?.length ?? 0),
  };
}

/** Drops rules set to `off` and applies configured severities. */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], rules: Readonly<Record<string, RuleSetting>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = rules[diagnostic.ruleId];
    if (setting === 'off') continue;
    out.push(setting === undefined || setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
  }
  return out;
}
