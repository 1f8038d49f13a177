// The pure core: source texts in, Catalog and diagnostics out. No file system, so git revisions compile alike.
// Two steps: analysing files (parse and validate, each file on its own) and linking the resulting
// entities into a Catalog (identities, references, cycles, rules).

import { buildCatalog } from '../catalog/build-catalog.js';
import type { CompileResult } from '../catalog/catalog.js';
import type { Entity } from '../model/entity.js';
import { findCycles } from '../catalog/find-cycles.js';
import type { LocateNode } from '../catalog/locations.js';
import { resolveReferences } from '../catalog/resolve-references.js';
import { compareDiagnostics, ZERO_RANGE, type Diagnostic } from '../ground/diagnostics.js';
import { applySuppressions } from '../rules/apply-suppressions.js';
import { Ruleset } from '../rules/ruleset.js';
import { runCatalogRules } from '../rules/run-rules.js';
import { SourceLocator } from '../source/locate.js';
import { parseYaml } from '../source/parse-yaml.js';
import type { SourceText } from '../source/project-files.js';
import { DocumentValidator } from '../validate/validate-document.js';

export interface CompileInput {
  sources: readonly SourceText[];
  /** Problems found before parsing (unreadable, binary, too large ...). */
  fileDiagnostics?: readonly Diagnostic[];
  /** Which rules run at which severity; without one, only schema, reference and file checks run. */
  ruleset?: Ruleset;
}

/** What files say on their own, before entities are linked. */
export interface Analysis {
  entities: Entity[];
  diagnostics: Diagnostic[];
}

let sharedValidator: DocumentValidator | undefined;

/** Parses and validates each file on its own. */
export function analyzeSources(sources: readonly SourceText[]): Analysis {
  sharedValidator ??= new DocumentValidator();
  const validator = sharedValidator;
  const diagnostics: Diagnostic[] = [];
  const entities: Entity[] = [];
  for (const { file, text } of sources) {
    const locator = new SourceLocator(text);
    const parsed = parseYaml(text, file, locator);
    diagnostics.push(...parsed.diagnostics);
    for (const document of parsed.documents) {
      const result = validator.validate({ file, document, locator });
      if (result.entity) entities.push(result.entity);
      diagnostics.push(...result.diagnostics);
    }
  }
  return { entities, diagnostics };
}

/** Links analysed entities into a Catalog: duplicate identities, references, cycles, rule settings. */
export function linkAnalysis(input: CompileInput, analysis: Analysis): CompileResult {
  const texts = new Map(input.sources.map((source) => [source.file, source.text]));
  const locators = new Map<string, SourceLocator>();
  const locate: LocateNode = (file, document, pointer, part) => {
    let locator = locators.get(file);
    if (locator === undefined) {
      const text = texts.get(file);
      if (text === undefined) return ZERO_RANGE;
      locator = new SourceLocator(text);
      locators.set(file, locator);
    }
    return locator.locate(document, pointer, part);
  };

  const ruleset = input.ruleset ?? Ruleset.coreOnly();
  const built = buildCatalog(analysis.entities, locate);
  const resolution = resolveReferences(built.catalog, locate);
  built.catalog.setRelations(resolution.relations);
  const diagnostics = [
    ...(input.fileDiagnostics ?? []),
    ...analysis.diagnostics,
    ...built.diagnostics,
    ...resolution.diagnostics,
    ...findCycles(built.catalog, resolution.relations, locate),
    ...runCatalogRules(built.catalog, ruleset.activeCatalogRules(), locate),
  ];
  return {
    catalog: built.catalog,
    diagnostics: applyRuleSettings(applySuppressions(diagnostics, input.sources), ruleset).sort(compareDiagnostics),
    fileCount: input.sources.length + (input.fileDiagnostics?.length ?? 0),
  };
}

export function compileSources(input: CompileInput): CompileResult {
  return linkAnalysis(input, analyzeSources(input.sources));
}

/** Drops diagnostics of rules that are off for their file and applies configured severities. */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], ruleset: Ruleset): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = ruleset.severityFor(diagnostic.ruleId, diagnostic.file);
    if (setting === 'off') continue;
    out.push(setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
  }
  return out;
}
