// The built-in governance rules, in the order `dossier rules` lists them.

import type { CatalogRule } from '../catalog-rule.js';
import datasetClassificationFollowsLineage from './dataset/classification-follows-lineage.js';
import datasetLicenseFollowsLineage from './dataset/license-follows-lineage.js';
import datasetLocationUri from './dataset/location-uri.js';
import datasetOrphan from './dataset/orphan.js';
import datasetTrainingDataDocumented from './dataset/training-data-documented.js';
import datasetUndeclaredPii from './dataset/undeclared-pii.js';
import deploymentProductionRequiresApprovedVersion from './deployment/production-requires-approved-version.js';
import deploymentTrafficOver100 from './deployment/traffic-over-100.js';
import entityDeprecatedInUse from './entity/deprecated-in-use.js';
import entityDescriptionRequired from './entity/description-required.js';
import entityLicenseId from './entity/license-id.js';
import entityNamingPattern from './entity/naming-pattern.js';
import entityOwnerRequired from './entity/owner-required.js';
import evaluationMetricBelowThreshold from './evaluation/metric-below-threshold.js';
import evaluationTrainTestLeakage from './evaluation/train-test-leakage.js';
import featureViewUndeclaredPii from './feature-view/undeclared-pii.js';
import modelEthicalConsiderationsRequired from './model/ethical-considerations-required.js';
import modelIntendedUseRequired from './model/intended-use-required.js';
import modelLimitationsRequired from './model/limitations-required.js';
import modelVersionFeatureTypeMismatch from './model-version/feature-type-mismatch.js';
import modelVersionIndependentApproval from './model-version/independent-approval.js';
import modelVersionNoSecretsInHyperparameters from './model-version/no-secrets-in-hyperparameters.js';
import modelVersionNonCommercialDataInProduction from './model-version/non-commercial-data-in-production.js';
import modelVersionPiiTermRequired from './model-version/pii-term-required.js';
import modelVersionProductionRequiresApproval from './model-version/production-requires-approval.js';
import modelVersionProductionRequiresEvaluation from './model-version/production-requires-evaluation.js';
import modelVersionPromotionOrder from './model-version/promotion-order.js';
import modelVersionRetiredFeature from './model-version/retired-feature.js';
import runtimeConfigNoSecretsInEnv from './runtime-config/no-secrets-in-env.js';
import runtimeConfigProductionImageDigest from './runtime-config/production-image-digest.js';
import teamUnused from './team/unused.js';
import termUnused from './term/unused.js';

export const governanceRules: readonly CatalogRule[] = [
  entityOwnerRequired,
  entityDeprecatedInUse,
  entityDescriptionRequired,
  modelIntendedUseRequired,
  modelLimitationsRequired,
  modelEthicalConsiderationsRequired,
  modelVersionProductionRequiresApproval,
  modelVersionIndependentApproval,
  modelVersionPromotionOrder,
  deploymentProductionRequiresApprovedVersion,
  deploymentTrafficOver100,
  modelVersionProductionRequiresEvaluation,
  evaluationTrainTestLeakage,
  evaluationMetricBelowThreshold,
  datasetTrainingDataDocumented,
  entityLicenseId,
  datasetLocationUri,
  datasetLicenseFollowsLineage,
  datasetClassificationFollowsLineage,
  modelVersionPiiTermRequired,
  modelVersionNonCommercialDataInProduction,
  datasetUndeclaredPii,
  featureViewUndeclaredPii,
  modelVersionRetiredFeature,
  modelVersionFeatureTypeMismatch,
  runtimeConfigProductionImageDigest,
  runtimeConfigNoSecretsInEnv,
  modelVersionNoSecretsInHyperparameters,
  entityNamingPattern,
  termUnused,
  teamUnused,
  datasetOrphan,
];
