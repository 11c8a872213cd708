import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrchestrationStatus, TaskStatus } from '../workflows/statuses';

export { FINAL_ORCHESTRATION_STATUSES, FINAL_TASK_STATUSES, OrchestrationStatus, TaskStatus } from '../workflows/statuses';

/** A timestamp column: Date when read, Date or ISO string when written, defaulted by the database. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export const Tier = { free: 'free', pro: 'pro', team: 'team', enterprise: 'enterprise' } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  /** scrypt hash (see api/auth/passwords.ts); null for users known only through OIDC. */
  password_hash: string | null;
  email_verified: Generated<boolean>;
  tier: Generated<Tier>;
  /** An operator's per-minute request limit for this user (enterprise's "custom"); null: the tier's. */
  requests_per_minute: ColumnType<number | null, number | null | undefined, number | null>;
  /** `iss|sub` of an external OIDC identity mapped to this user. */
  external_subject: string | null;
  /** `admin` may use /v1/admin/* and the dashboard (ADMIN_EMAILS at start, or another admin). */
  role: Generated<'user' | 'admin'>;
  /** Set while an admin has suspended the account: every request of the user is refused (403). */
  suspended_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  tier: Tier;
  status: string;
  billing_cycle: Generated<string>;
  current_period_start: Timestamp;
  current_period_end: Timestamp;
  cancel_at_period_end: Generated<boolean>;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  /** What the plan costs per billing cycle, in the currency's smallest unit (cents). */
  amount_cents: Generated<number>;
  currency: Generated<string>;
  /** A change that takes effect at the period's end (a downgrade, a cycle change). */
  pending_tier: Tier | null;
  pending_billing_cycle: string | null;
  canceled_at: NullableTimestamp;
  cancel_reason: string | null;
  cancel_feedback: string | null;
  /** Since when a payment has failed (status `past_due`); past BILLING_GRACE_DAYS the user is back on free. */
  past_due_since: NullableTimestamp;
  /** The default card: `{type, last4, brand, exp_month, exp_year}`. */
  payment_method: ColumnType<PaymentMethodJson | null, string | null | undefined, string | null>;
  /** When the newest billing event applied was created (Stripe's `created`): older ones are ignored. */
  provider_updated_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PaymentMethodJson {
  type: string;
  last4: string | null;
  brand: string | null;
  exp_month: number | null;
  exp_year: number | null;
}

/** Stripe events handled (by ID), so each is handled once. */
export interface BillingEventsTable {
  id: string;
  type: string;
  received_at: CreatedAt;
}

export interface AuthSessionsTable {
  id: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  id: string;
  session_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface RevokedTokensTable {
  jti: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** The key's first characters, shown in listings and used to find the row. */
  prefix: string;
  /** SHA-256 (hex) of the whole key; keys carry enough entropy that no slow hash is needed. */
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

/** rate-limiter-flexible's Postgres store (its layout): points consumed in the window ending at `expire` (ms). */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: string | null;
}

export interface UsageEventsTable {
  id: Generated<string>;
  user_id: string;
  kind: string;
  quantity: Generated<number>;
  subject_id: string | null;
  /** The usage period the charge went to (null on rows older than quotas). */
  period_start: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: CreatedAt;
}

/** Agent runs charged to a user in one usage period (the monthly quota's counter). */
export interface QuotaUsageTable {
  user_id: string;
  period_start: ColumnType<Date, Date | string, never>;
  agent_runs: number;
}

/** Bytes of a user's blobs, kept by triggers on `blobs`. */
export interface StorageUsageTable {
  user_id: string;
  bytes: ColumnType<string, number | string, number | string>;
}

export interface BlobsTable {
  id: string;
  user_id: string;
  content_type: string;
  byte_size: ColumnType<string, number | string, never>;
  sha256: string;
  data: Buffer;
  created_at: CreatedAt;
}


/** One analysis of a repository's branch at a head commit (repositories/analysis.ts). */
export interface RepositoryAnalysesTable {
  id: string;
  user_id: string;
  /** The URL git fetched (normalised, after redirects). */
  url: string;
  branch: string;
  head_sha: string;
  analysis_depth: string;
  max_commits: number;
  /** `RepositoryStats` of repositories/analysis.ts. */
  stats: ColumnType<Record<string, unknown>, string, never>;
  truncated: boolean;
  /** Rows in repository_commits. */
  commit_count: number;
  data_blob_id: string;
  created_at: CreatedAt;
}

export interface RepositoryCommitsTable {
  analysis_id: string;
  /** 0 = the oldest commit read. */
  seq: number;
  sha: string;
  parents: string[];
  author_name: string;
  author_email: string;
  authored_at: ColumnType<Date, Date | string, never>;
  message: string;
  files_changed: number;
  insertions: number;
  deletions: number;
  /** `FileChange[]` as JSON. */
  changes: ColumnType<unknown, string, never>;
}

export type VisualizationStatus = 'processing' | 'completed' | 'failed' | 'cancelled';

export interface VisualizationsTable {
  /** Also the Temporal workflow ID and the event stream's ID. */
  id: string;
  user_id: string;
  /** As the caller gave it. */
  repository_url: string;
  /** As asked; null = the repository's default branch. */
  branch: string | null;
  analysis_depth: string;
  options: ColumnType<Record<string, unknown>, string, never>;
  status: ColumnType<VisualizationStatus, VisualizationStatus | undefined, VisualizationStatus>;
  analysis_id: string | null;
  /** The analysis was made for an earlier visualization of the same head. */
  reused: ColumnType<boolean, boolean | undefined, boolean>;
  /** The remote's branches and their heads when it was fetched (`[{name, sha}]`), or null. */
  branches: ColumnType<{ name: string; sha: string }[] | null, string | null | undefined, string | null>;
  error_code: string | null;
  error_message: string | null;
  created_at: CreatedAt;
  completed_at: Date | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface VisualizationCommentsTable {
  id: string;
  visualization_id: string;
  /** Who wrote it (the caller, whatever the request's `author` said). */
  user_id: string;
  commit_sha: string;
  content: string;
  /** The caller's name (or email) when the comment was made. */
  author: string;
  created_at: CreatedAt;
}

export interface VisualizationSharesTable {
  id: string;
  visualization_id: string;
  user_id: string;
  /** SHA-256 (hex) of the link's token; the token itself is never stored. */
  token_sha256: string;
  permissions: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: CreatedAt;
}

/** A user's custom agent at its current version (API.md "Custom agents (CRUD)"). */
export interface AgentsTable {
  id: string;
  user_id: string;
  name: string;
  visibility: string;
  version: number;
  /** lib/custom-agents.ts AgentDefinitionFields, as JSON. */
  definition: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Set once deleted: runs no more, listed nowhere; kept for the tasks that ran it. */
  deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Every version of every custom agent, the current one included: what a task ran. */
export interface AgentVersionsTable {
  agent_id: string;
  version: number;
  name: string;
  visibility: string;
  definition: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export interface TasksTable {
  /** Also the Temporal workflow ID. */
  id: string;
  user_id: string;
  orchestration_id: string | null;
  agent_type: string;
  status: Generated<TaskStatus>;
  progress: Generated<number>;
  /** The task text (also in the input blob); kept here for listings and the Temporal memo. */
  task: string;
  /** The whole request (files included) as JSON: the workflow carries only this ID. */
  input_blob_id: string;
  file_count: Generated<number>;
  time_limit_seconds: number;
  idempotency_key: string | null;
  result: ColumnType<unknown | null, string | null | undefined, string | null>;
  error_code: string | null;
  error_message: string | null;
  tokens_prompt: Generated<number>;
  tokens_completion: Generated<number>;
  cost_usd: ColumnType<string, number | string | undefined, number | string>;
  attempts: Generated<number>;
  /** Time the agent waited for cluster capacity (GPUs) before it started, over all attempts. */
  capacity_wait_ms: Generated<number>;
  queue_position: number | null;
  /** Order among its orchestration's agents. */
  orchestration_step: number | null;
  /**
   * The workflow run that owns the row: its writes land, an older run's never do. A newer run of
   * the same workflow ID (a reset, a start by an operator) takes the row over.
   */
  workflow_run_id: string | null;
  /** While the task waits for a parallel-agent slot: its ticket in the user's line (lower goes first). */
  line_ticket: ColumnType<string | null, number | null | undefined, number | null>;
  /** The custom agent and version the task ran, and its name then; null for a built-in agent type. */
  agent_id: ColumnType<string | null, string | null | undefined, string | null>;
  agent_version: ColumnType<number | null, number | null | undefined, number | null>;
  agent_name: ColumnType<string | null, string | null | undefined, string | null>;
  agent_base_type: ColumnType<string | null, string | null | undefined, string | null>;
  /** The agent's patch (a blob of `text/x-diff`), when it worked on a repository checkout. */
  patch_blob_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}


export interface OrchestrationsTable {
  /** Also the Temporal workflow ID. */
  id: string;
  user_id: string;
  strategy: string;
  goal: string;
  agents: ColumnType<string[], string[], string[]>;
  options: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** The request's `context` (files included): the workflow carries only this ID. */
  context_blob_id: string;
  status: Generated<OrchestrationStatus>;
  idempotency_key: string | null;
  aggregated_result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  error_code: string | null;
  error_message: string | null;
  /** The workflow run that owns the row (see TasksTable.workflow_run_id). */
  workflow_run_id: string | null;
  created_at: CreatedAt;
  completed_at: NullableTimestamp;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An Idempotency-Key of a user's request (API.md: "keys are kept 24 hours"). */
/** One admin action: who did what to which user (or other target), with the state before and after. */
export interface AdminAuditLogTable {
  id: string;
  actor_id: string | null;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string;
  before: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  after: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: CreatedAt;
}

export interface IdempotencyKeysTable {
  user_id: string;
  /** Which request the key was sent with (`execute`, `orchestrate`): the same key may serve each. */
  scope: string;
  key: string;
  /** SHA-256 (hex) of the request body in canonical JSON: a reuse with another body is refused. */
  request_sha256: string;
  /** What the first request made (task or orchestration ID). */
  resource_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

/** A correction the reconciler made to the projection (a row that did not follow its workflow). */
export interface ProjectionCorrectionsTable {
  id: Generated<string>;
  /** Task or orchestration ID (= workflow ID). */
  subject_id: string;
  workflow_run_id: string | null;
  /** What was wrong, from a closed set (see ProjectionCause in lib/projection.ts). */
  cause: string;
  /** What was recorded, in words. */
  detail: string;
  created_at: CreatedAt;
}

export interface EventStreamsTable {
  id: string;
  user_id: string;
  last_seq: ColumnType<string, number | undefined, number>;
  closed: Generated<boolean>;
}

export interface StreamEventsTable {
  stream_id: string;
  seq: ColumnType<string, number, never>;
  type: string;
  payload: ColumnType<Record<string, unknown>, string, never>;
  dedupe_key: string | null;
  /** The stream's last event: a reader closes after it. */
  final: Generated<boolean>;
  created_at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  subscriptions: SubscriptionsTable;
  auth_sessions: AuthSessionsTable;
  refresh_tokens: RefreshTokensTable;
  revoked_tokens: RevokedTokensTable;
  api_keys: ApiKeysTable;
  usage_events: UsageEventsTable;
  rate_limits: RateLimitsTable;
  quota_usage: QuotaUsageTable;
  storage_usage: StorageUsageTable;
  billing_events: BillingEventsTable;
  blobs: BlobsTable;
  tasks: TasksTable;
  orchestrations: OrchestrationsTable;
  event_streams: EventStreamsTable;
  stream_events: StreamEventsTable;
  projection_corrections: ProjectionCorrectionsTable;
  idempotency_keys: IdempotencyKeysTable;
  admin_audit_log: AdminAuditLogTable;
  repository_analyses: RepositoryAnalysesTable;
  repository_commits: RepositoryCommitsTable;
  visualizations: VisualizationsTable;
  visualization_comments: VisualizationCommentsTable;
  visualization_shares: VisualizationSharesTable;
  agents: AgentsTable;
  agent_versions: AgentVersionsTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Subscription = Selectable<SubscriptionsTable>;
export type ApiKey = Selectable<ApiKeysTable>;
export type AuthSession = Selectable<AuthSessionsTable>;
export type RefreshToken = Selectable<RefreshTokensTable>;
export type Task = Selectable<TasksTable>;
export type StreamEvent = Selectable<StreamEventsTable>;
export type Orchestration = Selectable<OrchestrationsTable>;
export type Visualization = Selectable<VisualizationsTable>;
export type RepositoryAnalysisRow = Selectable<RepositoryAnalysesTable>;
