// The NIST AI Risk Management Framework (AI RMF 1.0, NIST AI 100-1) by its four functions: the
// subcategories a model's metadata can evidence, as requirements. Data only.

import type { ComplianceProfile } from './profile.js';

export const nistAiRmf: ComplianceProfile = {
  id: 'nist-ai-rmf',
  title: 'NIST AI Risk Management Framework 1.0',
  source: 'NIST AI 100-1, Artificial Intelligence Risk Management Framework (AI RMF 1.0), January 2023',
  appliesTo: { inProduction: true },
  sections: [
    { id: 'govern', title: 'Govern', clause: 'GOVERN' },
    { id: 'map', title: 'Map', clause: 'MAP' },
    { id: 'measure', title: 'Measure', clause: 'MEASURE' },
    { id: 'manage', title: 'Manage', clause: 'MANAGE' },
  ],
  requirements: [
    {
      id: 'govern-1.6-inventory',
      clause: 'GOVERN 1.6',
      section: 'govern',
      requirement: 'The AI system is in an inventory, described and owned.',
      evidence: [
        { kind: 'Model', field: 'metadata.owner' },
        { kind: 'Model', field: 'metadata.description' },
      ],
      hint: 'Give the Model `metadata.owner` and `metadata.description`.',
    },
    {
      id: 'govern-2.1-roles',
      clause: 'GOVERN 2.1',
      section: 'govern',
      requirement: 'Roles and responsibilities for the system, including who oversees it, are documented.',
      evidence: [{ kind: 'Model', field: 'spec.compliance.humanOversight.by' }],
      hint: 'Name the overseeing Team in `spec.compliance.humanOversight.by`.',
    },
    {
      id: 'govern-6.1-third-party-data',
      clause: 'GOVERN 6.1',
      section: 'govern',
      requirement: 'Where third-party data comes from, and under which licence, is known.',
      evidence: [
        { kind: 'Dataset', field: 'spec.provenance' },
        { kind: 'Dataset', field: 'spec.license' },
      ],
      hint: 'Give each training Dataset `spec.provenance` (origin, supplier) and `spec.license`.',
    },
    {
      id: 'map-1.1-context',
      clause: 'MAP 1.1',
      section: 'map',
      requirement: 'The intended purposes, the context of use and the people affected are documented.',
      evidence: [
        { kind: 'Model', field: 'spec.intendedUse' },
        { kind: 'Model', field: 'spec.outOfScopeUse' },
        { kind: 'Model', field: 'spec.affectedPersons' },
      ],
      hint: 'Write `spec.intendedUse`, `spec.outOfScopeUse` and `spec.affectedPersons`.',
    },
    {
      id: 'map-2.2-limitations',
      clause: 'MAP 2.2',
      section: 'map',
      requirement: "The system's knowledge limits and how its outputs may be used by people are documented.",
      evidence: [{ kind: 'Model', field: 'spec.limitations' }],
      hint: 'Write `spec.limitations`.',
    },
    {
      id: 'map-5.1-impacts',
      clause: 'MAP 5.1',
      section: 'map',
      requirement: 'The likelihood and magnitude of each identified impact are documented.',
      evidence: [
        { kind: 'Model', field: 'spec.compliance.risks.*.likelihood' },
        { kind: 'Model', field: 'spec.compliance.risks.*.severity' },
      ],
      hint: 'List `spec.compliance.risks` with likelihood and severity.',
    },
    {
      id: 'measure-2.3-performance',
      clause: 'MEASURE 2.3',
      section: 'measure',
      requirement: 'Performance is measured for the conditions of deployment and meets its thresholds.',
      evidence: [{ kind: 'Evaluation', field: 'spec.metrics' }, { rule: 'evaluation/metric-below-threshold' }],
      hint: 'Evaluate each production version and keep its metrics above their thresholds.',
    },
    {
      id: 'measure-2.11-fairness',
      clause: 'MEASURE 2.11',
      section: 'measure',
      requirement: 'Fairness and bias are evaluated and the results documented.',
      evidence: [{ kind: 'Evaluation', field: 'spec.purpose', equals: 'fairness' }],
      hint: 'Add an Evaluation with `spec.purpose: fairness` on a production version.',
    },
    {
      id: 'measure-2.4-production',
      clause: 'MEASURE 2.4',
      section: 'measure',
      requirement: 'The functionality and behaviour of the system are monitored in production.',
      evidence: [{ kind: 'Deployment', field: 'spec.monitoring' }],
      hint: 'Give each production Deployment `spec.monitoring`.',
    },
    {
      id: 'manage-1.3-responses',
      clause: 'MANAGE 1.3',
      section: 'manage',
      requirement: 'Responses to the risks of high priority (mitigate, transfer, avoid, accept) are documented.',
      evidence: [
        { kind: 'Model', field: 'spec.compliance.risks.*.mitigation' },
        { kind: 'Model', field: 'spec.compliance.risks.*.residual' },
      ],
      hint: 'Give each risk in `spec.compliance.risks` a `mitigation` and a `residual` judgement.',
    },
    {
      id: 'manage-2.4-deactivation',
      clause: 'MANAGE 2.4',
      section: 'manage',
      requirement: 'Mechanisms to supersede, disengage or deactivate the system are in place.',
      evidence: [{ kind: 'Model', field: 'spec.compliance.humanOversight.measures' }],
      hint: 'List the oversight measures (override, stop, ...) in `spec.compliance.humanOversight.measures`.',
    },
    {
      id: 'manage-4.1-post-deployment',
      clause: 'MANAGE 4.1',
      section: 'manage',
      requirement: 'Post-deployment monitoring plans, incident response and change management are in place.',
      evidence: [{ document: 'pmm-plan' }, { document: 'incident-procedure' }, { history: 'lifecycle-changes' }],
      hint: 'Link the monitoring plan (`type: pmm-plan`) and the incident procedure (`type: incident-procedure`).',
    },
  ],
};
