// Model versions: promotions and demotions between stages, and training data rewritten after the fact.

import { approvalsOf, stageOf } from '../../catalog/queries.js';
import { code, fieldsUnder, type Detector } from '../detector.js';
import { displayValue } from '../../ground/display-value.js';
import { countOf } from '../../ground/count-noun.js';
import { downstreamImpact } from '../impact.js';
import type { Entity } from '../../model/entity.js';

const STAGES = ['development', 'staging', 'production', 'archived'];

/** What says which artifact a version is, beside its training data: changing them makes it another version. */
const REWRITTEN_FIELDS = ['spec.artifact.uri', 'spec.artifact.sha256', 'spec.training.features', 'spec.training.hyperparameters'];

/** A version that enters production, from a stage or added there: a warning that lists its approvals. */
function promotedToProduction(head: Entity, identity: string, before: string | undefined): ReturnType<Detector>[number] {
  const approvals = approvalsOf(head).map(
    ({ by, date, note }) => `approved by \`${displayValue(by)}\` on ${displayValue(date)}${note ? `: ${displayValue(note)}` : ''}`,
  );
  return {
    id: 'promoted-to-production',
    level: 'warning',
    title: `\`${identity}\` ${before === undefined ? 'added at stage production' : `promoted to production (from ${before})`}.`,
    details: approvals.length > 0 ? approvals : ['no approvals recorded'],
    field: 'spec.stage',
    before,
    after: 'production',
    withImpact: true,
  };
}

export const detectModelVersionChanges: Detector = (pair, context) => {
  const { base, head } = pair;
  if (head?.kind !== 'ModelVersion') return [];
  // Added straight into production: as much a promotion as one from staging.
  if (base === undefined)
    return stageOf(head) === 'production' && !context.unreadableAtBase.has(head.source.file)
      ? [promotedToProduction(head, pair.identity, undefined)]
      : [];
  const changes: ReturnType<Detector> = [];
  const before = stageOf(base);
  const after = stageOf(head);
  if (before !== after) {
    if (after === 'production') {
      changes.push(promotedToProduction(head, pair.identity, before));
    } else if (after === 'archived') {
      const running = downstreamImpact(context.head, pair.identity).productionDeployments;
      changes.push({
        id: 'archived',
        level: running.length > 0 ? 'warning' : 'info',
        title:
          running.length > 0
            ? `\`${pair.identity}\` archived (was in ${before}) while ${countOf(running.length, 'production deployment')} still ${running.length === 1 ? 'runs' : 'run'} it.`
            : `\`${pair.identity}\` archived (was in ${before}).`,
        field: 'spec.stage',
        before,
        after,
        withImpact: true,
      });
    } else {
      const direction = STAGES.indexOf(after) > STAGES.indexOf(before) ? 'promoted' : 'demoted';
      changes.push({
        id: direction === 'promoted' ? 'stage-promoted' : 'stage-demoted',
        level: 'info',
        title: `\`${pair.identity}\` ${direction}: ${code(before)} → ${code(after)}.`,
        field: 'spec.stage',
        before,
        after,
      });
    }
  }
  const training = fieldsUnder(pair, 'spec.training.datasets');
  if (training.length > 0) {
    changes.push({
      id: 'training-data-changed',
      level: 'warning',
      title: `Training data of existing version \`${pair.identity}\` changed: its metadata no longer describes the artifact that was trained.`,
      details: training.map((f) => `\`${f.path}\`: ${code(f.before)} → ${code(f.after)}`),
      field: 'spec.training.datasets',
      // What it changed from and to, so that accepting this rewrite does not accept the next one.
      before: Object.fromEntries(training.map((f) => [f.path, f.before ?? null])),
      after: Object.fromEntries(training.map((f) => [f.path, f.after ?? null])),
      withImpact: true,
    });
  }
  const rewritten = REWRITTEN_FIELDS.flatMap((field) => fieldsUnder(pair, field));
  if (rewritten.length > 0)
    changes.push({
      id: 'version-rewritten',
      level: 'warning',
      title: `Existing version \`${pair.identity}\` rewritten in place (${[...new Set(rewritten.map((f) => f.path.replace(/\[.*$/, '')))].join(', ')}): a version names one trained artifact; record a new version for a new one.`,
      details: rewritten.map((f) => `\`${f.path}\`: ${code(f.before)} → ${code(f.after)}`),
      field: 'spec.artifact',
      covers: REWRITTEN_FIELDS,
      before: Object.fromEntries(rewritten.map((f) => [f.path, f.before ?? null])),
      after: Object.fromEntries(rewritten.map((f) => [f.path, f.after ?? null])),
      withImpact: true,
    });
  return changes;
};
