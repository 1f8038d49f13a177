// What an entity page shows for each kind, one module per kind: a model card for a Model, lineage
// and approvals for a ModelVersion, the schema with PII marks for a Dataset, and so on.

import type { Kind } from '../../model/kinds.js';
import { datasetView } from './dataset.js';
import { deploymentView } from './deployment.js';
import { evaluationView } from './evaluation.js';
import { featureViewView } from './feature-view.js';
import { modelVersionView } from './model-version.js';
import { modelView } from './model.js';
import { runtimeConfigView } from './runtime-config.js';
import type { KindView } from './sections.js';
import { teamView } from './team.js';
import { termView } from './term.js';

export type { Cell, Section } from './sections.js';

export const KIND_VIEWS: Readonly<Record<Kind, KindView>> = {
  Model: modelView,
  ModelVersion: modelVersionView,
  Dataset: datasetView,
  FeatureView: featureViewView,
  Evaluation: evaluationView,
  RuntimeConfig: runtimeConfigView,
  Deployment: deploymentView,
  Team: teamView,
  Term: termView,
};
