// The semantic history a site shows (Timelines, changes.html, the Atom feed) with every local model's
// audit report, walked once over the last commits and cached by what identifies it.

import type { CompileResult } from '../catalog/catalog.js';
import type { DossierConfig } from '../config/load-config.js';
import type { Diagnostic } from '../ground/diagnostics.js';
import { commitLinker } from '../git/history.js';
import { isObject, readCacheFile, writeCacheFile } from '../cache/cache-file.js';
import { EventLog, type StoredEventLog } from '../site/event-log.js';
import { fromTextColumn, toTextColumn, type TextColumn } from '../engine/text-column.js';
import { CACHE_FORMATS, cacheEnvironment, cacheLayout, configText } from '../cache/layout.js';
import { contentHash } from '../ground/content-hash.js';
import type { ProjectContext } from './compile-project.js';
import { logProject } from './log-project.js';
import { ModelAudit } from '../audit/model-audit.js';
import { renderAuditHtmlBody } from '../audit/render-audit.js';
import { auditPath, pathOfIdentity, rootPrefix } from '../site/urls.js';
import { ModelAudits } from './model-audits.js';
import type { AnalyzedFiles } from './walk-history.js';

/** What the site shows of the semantic history: the events, newest first, and each model's audit report as a page body. */
export interface SemanticHistory {
  events: EventLog;
  audits: [model: string, body: string][];
  /** What identifies it (commit, configuration, models audited); undefined when it depends on other repositories too. */
  key?: string | undefined;
}

/** The semantic history as its cache file keeps it. */
interface StoredHistory {
  key: string;
  events: StoredEventLog;
  models: TextColumn;
  audits: TextColumn;
}

function storedHistory(key: string, history: SemanticHistory): StoredHistory {
  return {
    key,
    events: history.events.toStored(),
    models: toTextColumn(history.audits.map(([model]) => model)),
    audits: toTextColumn(history.audits.map(([, body]) => body)),
  };
}

/** The semantic history a cache file keeps; undefined when it is not one. */
function historyOfStored(value: unknown): (SemanticHistory & { key: string }) | undefined {
  const stored = value as Partial<StoredHistory> | null;
  const events = EventLog.fromStored(stored?.events);
  const models = fromTextColumn(stored?.models);
  const bodies = fromTextColumn(stored?.audits);
  if (typeof stored?.key !== 'string' || events === undefined || models === undefined || bodies?.length !== models.length) return undefined;
  return { key: stored.key, events, audits: models.map((model, index) => [model, bodies[index] as string]) };
}

/**
 * The semantic history of the last `maxCount` commits up to `rev` (HEAD), with every model's audit
 * riding on the same walk: no commit is compiled twice. It depends on the commits alone (the working
 * tree only spares parsing files it shares with them), so it is cached by the commit, the
 * configuration and the models audited: a rebuild without a new commit does not walk again.
 * Other repositories' catalogs change it too: with dependencies or a hub, it is not cached.
 */
export async function semanticHistory(options: {
  config: DossierConfig;
  cwd: string;
  compiled: CompileResult;
  context: ProjectContext;
  rev: string | undefined;
  /** The commit `rev` names (HEAD without one), as the history was read up to it. */
  head: string | undefined;
  maxCount: number;
  webUrl: string | undefined;
  cacheDir: string | undefined;
  /** Write what was walked to the cache (a rebuild). */
  keepCache: boolean;
  analyzed?: () => AnalyzedFiles;
}): Promise<SemanticHistory> {
  const { config, cwd, context } = options;
  // Every local model gets an audit report.
  const models = options.compiled.catalog.entities.filter((e) => e.kind === 'Model' && e.origin === undefined).map((e) => e.identity);
  const federated = context.federation.dependencies.length > 0 || context.hub !== undefined;
  const head = options.cacheDir === undefined || federated ? undefined : options.head;
  const cacheFile = options.cacheDir === undefined ? undefined : cacheLayout(options.cacheDir).siteHistory;
  const key =
    head === undefined
      ? undefined
      : // The events name files as seen from the working folder: a build from another folder walks again.
        contentHash(head, cwd, configText(config), String(options.maxCount), options.webUrl ?? '', models.join('\n'));
  if (cacheFile !== undefined && key !== undefined) {
    const cached = historyOfStored(readCacheFile(cacheFile, CACHE_FORMATS.siteHistory, cacheEnvironment(), isObject));
    if (cached?.key === key) return cached;
  }

  const audits = new ModelAudits();
  // The newest commit's problems, as `dossier audit` reads them: a version in production with errors open now is a finding.
  let openNow: readonly Diagnostic[] = [];
  const log = await logProject({
    cwd,
    config,
    rev: options.rev,
    maxCount: options.maxCount,
    context,
    observe: (step) => {
      audits.observe(step);
      openNow = step.head.diagnostics;
    },
    ...(options.analyzed === undefined ? {} : { analyzed: options.analyzed() }),
  });
  const commitUrl = commitLinker(options.webUrl);
  const history: SemanticHistory = {
    events: EventLog.of(log.events),
    audits: models.map((model) => {
      // A model only in the working tree has no history yet: its report says so.
      const audit = audits.find(model) ?? new ModelAudit(model);
      const page = auditPath(audit.model);
      const modelHref = `${rootPrefix(page)}${pathOfIdentity(audit.model)}`;
      return [audit.model, renderAuditHtmlBody(audit.report({ openNow, rules: config.rules }), { commitUrl, modelHref })];
    }),
    key,
  };
  if (options.keepCache && cacheFile !== undefined && key !== undefined)
    writeCacheFile(cacheFile, CACHE_FORMATS.siteHistory, cacheEnvironment(), storedHistory(key, history));
  return history;
}
