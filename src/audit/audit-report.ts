// The audit report of one model (schemas/audit.schema.json): what a model-risk reviewer files for
// an SR 11-7 inventory or an EU AI Act Annex IV technical file, read from the metadata's history.

/** The commit that made a change: where, when and by whom. */
export interface CommitStamp {
  commit: string;
  /** ISO 8601 committer date: when the commit entered the history, as `--at` reads dates. */
  date: string;
  author: string;
}

export interface AuditReport {
  apiVersion: 'dossier/v1';
  kind: 'Audit';
  /** The model's identity, `model:namespace/name`. */
  model: string;
  title?: string;
  owner?: string;
  riskTier?: string;
  /** Whether the model exists at the newest commit read. */
  exists: boolean;
  /** The commits read: the oldest and the newest that touched the metadata, and how many. */
  range: { commits: number; oldest?: CommitStamp; newest?: CommitStamp };
  /** Set when the clone is shallow and the history read stops at its oldest commit. */
  shallowAt?: string;
  versions: AuditVersion[];
  /** What is missing or wrong, said plainly. */
  findings: AuditFinding[];
}

export interface AuditVersion {
  identity: string;
  version: string;
  /** The stage and lifecycle at the newest commit; null once the version was removed. */
  stage: string | null;
  lifecycle: string | null;
  /** Where the version stood before the oldest commit read, when it existed then. */
  before?: { stage: string; lifecycle: string };
  /** Additions, removals and changes of stage or lifecycle, oldest first. */
  transitions: Transition[];
  approvals: AuditApproval[];
  /** Each time the version entered staging or production: what the metadata said then. */
  promotions: Promotion[];
  deployments: AuditDeployment[];
}

export interface Transition extends CommitStamp {
  field: 'existence' | 'stage' | 'lifecycle';
  /** null: the version did not exist before (or after) this commit. */
  from: string | null;
  to: string | null;
}

export interface Approval {
  /** The approving team, as resolved (or as written when it does not resolve). */
  by: string;
  /** The approval's own date, as written. */
  date: string;
  note?: string;
  /** Whether the approver was independent of the model's owners when the approval was recorded. */
  independent: boolean;
  /** Set when `by` named no Team in the metadata then: nobody can be held to the approval, so it is not independent. */
  unknownApprover?: true;
}

/** Whether the pull request that recorded an approval has an approving review from the team (`dossier audit --github`). */
export interface ApprovalOnGitHub {
  status: 'verified' | 'unverified' | 'not-checked';
  pullRequest?: number;
  reviewer?: string;
  reason?: string;
}

export interface AuditApproval extends Approval {
  /** The commit that added the approval; absent when it predates the history read. */
  recorded?: CommitStamp;
  /** The commit that took the approval out of the metadata again; absent while it stands. */
  removed?: CommitStamp;
  github?: ApprovalOnGitHub;
}

export interface Promotion extends CommitStamp {
  from: string | null;
  to: string;
  approvals: Approval[];
  evaluations: AuditEvaluation[];
  training: AuditTrainingData[];
  /** Governance problems (errors and warnings) open on the version, its model, evaluations and deployments. */
  problems: AuditProblem[];
}

export interface AuditEvaluation {
  identity: string;
  dataset?: string;
  split?: string;
  date?: string;
  metrics: AuditMetric[];
}

export interface AuditMetric {
  name: string;
  /** The part of the dataset the metric was measured on, when it is one part. */
  slice?: string;
  value: number;
  threshold?: number;
  higherIsBetter?: boolean;
  /** Whether the value meets the threshold; absent without a threshold. */
  passes?: boolean;
}

export interface AuditTrainingData {
  dataset: string;
  role: string;
  license?: string;
  classification?: string;
  containsPII?: boolean;
}

export interface AuditProblem {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
}

export interface AuditDeployment {
  identity: string;
  /** Environment and traffic over time, oldest first; null values once the deployment was removed. */
  changes: DeploymentChange[];
}

export interface DeploymentChange extends Partial<CommitStamp> {
  environment: string | null;
  trafficPercent: number | null;
}

export interface AuditFinding {
  /** The severity the repository's rules give the same fact (`ruleId`), info when that rule is off. */
  level: 'error' | 'warning' | 'info';
  /** The lint rule that checks the same fact in the metadata as it is now. */
  ruleId?: string;
  /** The version the finding is about. */
  version: string;
  message: string;
  /** The commit the finding points at. */
  commit?: string;
}
