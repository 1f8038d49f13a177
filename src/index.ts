// Dossier's library API: the same functions the CLI and the GitHub Action call.

export type { Catalog, CompileResult, Relation } from './catalog/catalog.js';
export type { Entity, Lifecycle } from './catalog/entity.js';
export { KINDS, KIND_INFO, type Kind } from './catalog/kinds.js';
export { formatIdentity, parseReference, type ParsedReference } from './catalog/reference.js';
export { catalogToJson, renderCatalogJson } from './compile/catalog-json.js';
export { compileSources, type CompileInput, type SourceText } from './compile/compile-sources.js';
export { compileProject, readProjectFiles } from './compile/load-project.js';
export { ConfigError, UsageError } from './config/config-error.js';
export { defaultConfig, findConfigFile, loadConfigFile, parseConfig, type DossierConfig } from './config/load-config.js';
export type { Diagnostic, Range, Severity } from './diagnostics.js';
export { FORMATTERS } from './report/formatters.js';
export { allRules, rulesById } from './rules/registry.js';
