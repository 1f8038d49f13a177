// Dossier's library API: the same functions the CLI and the GitHub Action call.

export type { Catalog, CatalogReader, CompileResult, Relation } from './catalog/catalog.js';
export type { Entity, Lifecycle } from './model/entity.js';
export { KINDS, KIND_INFO, type Kind } from './model/kinds.js';
export { formatIdentity, parseReference, type ParsedReference } from './model/reference.js';
export { catalogToJson, renderCatalogJson } from './compile/catalog-json.js';
export { compileSources, type CompileInput } from './compile/compile-sources.js';
export { readProjectFiles, type SourceText } from './source/project-files.js';
export { compileProject } from './use-cases/compile-project.js';
export { lintProject, type LintOptions, type LintReport } from './use-cases/lint-project.js';
export { buildProjectSite } from './use-cases/build-project-site.js';
export { diffProject } from './use-cases/diff-project.js';
export { postComment } from './use-cases/post-comment.js';
export { ConfigError, UsageError } from './ground/errors.js';
export { defaultConfig, findConfigFile, loadConfigFile, parseConfig, type DossierConfig } from './config/load-config.js';
export type { Diagnostic, Range, Severity } from './ground/diagnostics.js';
export { FORMATTERS } from './report/formatters.js';
export { allRules, rulesById } from './rules/registry.js';
