import { z } from 'zod';
import { agentCatalogJson } from '../executors/kubernetes/agent-catalog';

/**
 * Every setting the processes read, parsed once at boot. A bad or missing value stops the
 * process with a message naming the variable (see `loadConfig`). `.env.example` lists them all.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = z.coerce.number().int().positive();

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** pino level; `silent` turns logging off. Default `info`. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    /** Interface the API listens on. Default `127.0.0.1`; set `0.0.0.0` in a container. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** API port. Default 8080. */
    PORT: z.coerce.number().int().min(0).max(65535).default(8080),
    /** Base URL clients use to reach the API, for links in answers. Default `http://localhost:<PORT>`. */
    PUBLIC_URL: z.url().optional(),
    /** Largest accepted JSON body. Default `10mb` (a 5 MB file set must fit). */
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 512kb or 10mb').default('10mb'),
    /** Base of `documentation_url` in errors. Default `<PUBLIC_URL>/v1/docs`. */
    DOCS_BASE_URL: z.url().optional(),

    /** Postgres connection string. Required (npm start provides a local server's). */
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    /** Connection pool size per process. Default 10. */
    DATABASE_POOL_SIZE: positiveInt.default(10),
    /**
     * Run the statements on the path of every execute as named, server-side prepared statements
     * (db/prepared.ts). Default true; false behind a pooler in transaction mode that does not
     * carry prepared statements (PgBouncer before 1.21, or without `max_prepared_statements`).
     */
    DATABASE_PREPARED_STATEMENTS: bool.default(true),

    /** Temporal frontend `host:port`. Default `localhost:7233` (the dev server). */
    TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
    /** Temporal namespace. Default `default`. */
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    /** Use TLS to reach Temporal. Default false; implied by an API key or client certificate. */
    TEMPORAL_TLS: bool.default(false),
    /** mTLS client certificate and key (PEM files), e.g. for Temporal Cloud. */
    TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
    TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
    /** Temporal Cloud API key (instead of mTLS). */
    TEMPORAL_API_KEY: z.string().min(1).optional(),
    /**
     * Names this deployment in its workers' Temporal identity (`codex-stack-<id> <pid>@<host>`), so
     * `npm start` can tell its own workers from another deployment's on a shared Temporal server.
     * Set by `npm start`; optional elsewhere.
     */
    CODEX_STACK_ID: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
    /** Prefix of the task queues (`<prefix>-agents`, `<prefix>-general`). Default `codex`. */
    TEMPORAL_TASK_QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/).default('codex'),

    /** HMAC secret of the built-in token issuer (HS256). At least 32 characters. Required by the API. */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** `iss` of tokens the server issues. Default `codex-cloud`. */
    JWT_ISSUER: z.string().min(1).default('codex-cloud'),
    /** `aud` of tokens the server issues and accepts. Default `codex-api`. */
    JWT_AUDIENCE: z.string().min(1).default('codex-api'),
    /** Access token lifetime. Default 86400 (the contract's `expires_in`). */
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(86_400),
    /** Refresh token lifetime. Default 30 days. */
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(30 * 86_400),
    /**
     * How long an API process trusts a session it has just read as live, so a burst of requests
     * costs one lookup. Revocations (logout, refresh-token reuse, a changed tier) are announced
     * by Postgres and forgotten at once; while that channel is down nothing is cached. 0 reads
     * the session on every request. Default 10.
     */
    AUTH_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),

    /**
     * Per-minute request limits (API.md tiers: free 5, pro 100, team 1,000, enterprise
     * ENTERPRISE_REQUESTS_PER_MINUTE or the user's own). Default true; tests of other things turn it off.
     */
    RATE_LIMIT_ENABLED: bool.default(true),
    /**
     * Monthly agent runs and storage by tier (free 100 runs and 1 GB, pro 10,000 and 10 GB, team
     * 100,000 and 100 GB): over them, 402. Usage is counted either way. Default true.
     */
    QUOTAS_ENABLED: bool.default(true),
    /** Where a 402's `upgrade_url` sends the user. Default the API's documentation of POST /v1/subscription/upgrade. */
    BILLING_UPGRADE_URL: z.url().optional(),
    /** Stripe secret key (`sk_live_…`, `sk_test_…`): billing through Stripe. Unset: the local provider (a price table, no card). */
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(live|test)_\w+$/, 'must be a Stripe secret key (sk_live_…, sk_test_…)').optional(),
    /** Signing secret of the Stripe webhook endpoint (`whsec_…`) for POST /v1/webhooks/stripe. Required with STRIPE_SECRET_KEY. */
    STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
    /** Where the Stripe API is, for stripe-mock in tests (e.g. `http://127.0.0.1:12111`). Default Stripe's own. */
    STRIPE_API_BASE: z.url().optional(),
    /** Days a subscription whose payment failed (`past_due`) keeps its tier before the user is back on free. Default 7. */
    BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** Seconds between an API process's passes over subscriptions whose period has ended (renewals, scheduled changes, grace). Default 60. */
    BILLING_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Postgres of the limiter's counters. Default DATABASE_URL (a separate server spreads the load). */
    RATE_LIMIT_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
    /** Enterprise's requests per minute when an operator set none for the user (users.requests_per_minute). Default 10000. */
    ENTERPRISE_REQUESTS_PER_MINUTE: positiveInt.default(10_000),
    /** Register, login and refresh: requests per minute from one client IP. Default 30. */
    AUTH_RATE_LIMIT_PER_IP: positiveInt.default(30),
    SHARE_RATE_LIMIT_PER_IP: positiveInt.default(120),
    /** Register and login: attempts per minute for one email address (slows password guessing). Default 5. */
    AUTH_RATE_LIMIT_PER_EMAIL: positiveInt.default(5),
    /**
     * Which proxies' `X-Forwarded-For` names the client (Express's `trust proxy`): `false` (the
     * default: the connection's address is the client), `true`, a hop count, or a comma list of
     * addresses, CIDRs and `loopback`/`linklocal`/`uniquelocal`.
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((v): boolean | number | string => (v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v)),

    /** External OIDC issuer accepted beside the built-in one (RS256 via JWKS). Unset: off. */
    OIDC_ISSUER: z.url().optional(),
    /** Audience expected in the external issuer's tokens. Required with OIDC_ISSUER. */
    OIDC_AUDIENCE: z.string().min(1).optional(),
    /** JWKS URL. Default `<OIDC_ISSUER>/.well-known/jwks.json`. */
    OIDC_JWKS_URL: z.url().optional(),

    /** `live` or `test`: which prefix new API keys get (`codex_sk_live_`/`codex_sk_test_`). Default `live`. */
    API_KEY_MODE: z.enum(['live', 'test']).default('live'),

    /** Where agents run: `local` child processes, or `kubernetes` Jobs (the KUBERNETES_* settings). Default `local`. */
    EXECUTOR: z.enum(['local', 'kubernetes']).default('local'),
    /** Kubeconfig file of the cluster for agent Jobs. Default: in a pod, its service account; else $KUBECONFIG or ~/.kube/config. */
    KUBERNETES_KUBECONFIG: z.string().min(1).optional(),
    /** Namespace of agent Jobs. Default: the kubeconfig context's (in a cluster, the worker's own), else `default`. */
    KUBERNETES_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a Kubernetes namespace name')
      .optional(),
    /**
     * Image and resources per agent type, as JSON (executors/kubernetes/agent-catalog.ts):
     * `{"defaults": {...}, "agents": {"<agent_type>": {...}}}` with image, gpus, cpu, memory,
     * nodeSelector, tolerations, runtimeClassName, priorityClassName, imagePullSecrets, env,
     * envFromSecret. Default: image `codex-cloud-agent:latest`, 1 GPU, 1 CPU, 2Gi for every type.
     */
    KUBERNETES_AGENT_CATALOG: agentCatalogJson.optional(),
    /** A finished agent Job that no worker deleted (its worker died) is deleted this long after it ends. Default 3600. */
    KUBERNETES_JOB_TTL_SECONDS: positiveInt.default(3600),
    /** The local agent program as a JSON array (default: the built-in agents). */
    LOCAL_AGENT_COMMAND: z.string().min(2).optional(),
    /** Attempts of an agent run, the first included. Default 3. */
    AGENT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
    /** A run that stops heartbeating this long is retried on another worker. Default 30. */
    AGENT_HEARTBEAT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** Time a cancelled agent gets to flush a partial result. Default 10. */
    AGENT_CANCEL_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    /** A task's time limit when the request sets none. Default 1800. */
    TASK_TIME_LIMIT_SECONDS: positiveInt.default(1800),
    /** The largest time limit a request may ask for. Default 21600 (6 h). */
    TASK_MAX_TIME_LIMIT_SECONDS: positiveInt.default(21_600),
    /**
     * How long an API process reuses an agent type's `estimated_duration_seconds` (the median of
     * its recent runs) before reading it again; 0 reads it on every execute. Default 30.
     */
    TASK_ESTIMATE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
    /**
     * On shutdown, how long a worker lets running agents go on before cancelling them (a local
     * agent is stopped and retried elsewhere; a Kubernetes Job is left for the next attempt to
     * adopt). Default 10.
     */
    WORKER_SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    /** Agent runs one worker process runs at once. Default 8. */
    WORKER_MAX_CONCURRENT_AGENTS: z.coerce.number().int().min(1).max(1000).default(8),
    /** Task queues this worker polls: `general` (workflows, bookkeeping), `agents` (agent runs). Default both. */
    WORKER_QUEUES: csv.pipe(z.array(z.enum(['general', 'agents', 'analysis'])).min(1)).default(['general', 'agents', 'analysis']),

    /**
     * Seconds between passes of the projection reconciler, which records in Postgres what no
     * activity recorded (a workflow terminated from the Temporal UI, a row whose workflow was
     * never started). Default 5.
     */
    RECONCILE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
    /** How far back the reconciler's first pass (after a worker starts it) reads closed workflows. Default 86400 (a day). */
    RECONCILE_LOOKBACK_SECONDS: positiveInt.default(86_400),
    /**
     * The per-user parallel-agent line continues as new once its history has this many events
     * (or earlier, when Temporal suggests it). Default 10000; Temporal's hard limit is 51200.
     */
    AGENT_LINE_MAX_HISTORY_EVENTS: z.coerce.number().int().min(100).max(40_000).default(10_000),

    /** Bytes a stream client may fall behind before it is disconnected (close code 4008). Default 1 MiB. */
    STREAM_MAX_BUFFER_BYTES: positiveInt.default(1024 * 1024),
    /**
     * The largest agent result (JSON bytes) sent whole in a stream's final message; a larger one
     * is kept with the task (GET /v1/agents/tasks/{id}) and the message says where to read it.
     * Must be below STREAM_MAX_BUFFER_BYTES. Default 262144 (256 KiB), or a quarter of
     * STREAM_MAX_BUFFER_BYTES when that is smaller.
     */
    AGENT_RESULT_MAX_BYTES: positiveInt.optional(),
    /** Keepalive interval of streams (WebSocket ping, SSE comment). Default 25000. */
    STREAM_PING_INTERVAL_MS: positiveInt.default(25_000),
    /**
     * Milliseconds a WebSocket client closed by the server (too slow: 4008; credential ended: 4401)
     * gets to read the close frame before its connection is cut (it then sees 1006). Default 5000.
     */
    STREAM_CLOSE_GRACE_MS: positiveInt.default(5_000),

    /**
     * Container images a custom agent may name (Kubernetes executor): comma-separated glob
     * patterns matched with picomatch against the whole reference (`*` stops at `/`, `**` does
     * not), e.g. `registry.example.com/agents/*:*`. Default none: custom agents use the agent
     * catalogue's image.
     */
    AGENT_IMAGE_ALLOWLIST: csv.default([]),
    /**
     * The agents' model endpoint (read by the agent program; agents/llm-client.ts). The API reads
     * them too, to refuse a `model` custom agent at execute when there is no model.
     */
    LLM_BASE_URL: z.url().optional(),
    LLM_MODEL: z.string().min(1).optional(),

    /**
     * Port of the API's Prometheus `/metrics`, on its own listener (on METRICS_HOST) so it is never
     * public by accident. Unset: metrics are served only on the API port, and only with METRICS_TOKEN.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface of the metrics listeners (API and worker). Default `127.0.0.1`; `0.0.0.0` in a pod. */
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    /**
     * Bearer token for `/metrics`: required on the metrics port when set, and the only way to read
     * `/metrics` on the API port. At least 16 characters.
     */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** Port of the worker's Prometheus `/metrics` (ours and the Temporal SDK's). Unset: not served. */
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** How long the queue-depth figures (DescribeTaskQueue, waiting agents) are reused between scrapes (seconds). Default 5. */
    METRICS_BACKLOG_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),

    /** Emails given the admin role at start (comma-separated, case-insensitive); other admins can grant it too. */
    ADMIN_EMAILS: csv.default([]),
    /** The Temporal UI's base URL, for links to a task's workflow (admin API and dashboard). Default `http://localhost:8233`. */
    TEMPORAL_UI_URL: z.url().default('http://localhost:8233'),

    /** Origins allowed to open WebSocket/SSE streams from a browser; empty allows same-origin only. */
    ALLOWED_ORIGINS: csv.default([]),

    /**
     * Hosts whose repositories may be fetched although they are not public `https://` hosts:
     * `host` (any port) or `host:port`, comma-separated (IPv6 in brackets). They may use
     * `http://` and resolve to loopback or private addresses. Default none.
     */
    REPOSITORY_ALLOWED_HOSTS: csv
      .default([])
      .refine((hosts) => hosts.every((h) => /^(?:\[[0-9a-fA-F:.]+\]|[^:[\]\s/]+)(?::\d{1,5})?$/.test(h)), 'each entry must be host or host:port'),
    /** Folder of the cached clones (bare repositories). Default `.data/repositories` under the working directory. */
    REPOSITORY_CACHE_DIR: z.string().min(1).default('.data/repositories'),
    /** Longest a clone or fetch may take (seconds). Default 600. */
    REPOSITORY_CLONE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(600),
    /** Largest repository kept on disk (MiB); a fetch past it is stopped and its clone removed. Default 2048. */
    REPOSITORY_MAX_SIZE_MB: positiveInt.default(2048),
    /** Most commits an analysis reads (the ceiling of a request's `max_commits`). Default 50000. */
    REPOSITORY_MAX_COMMITS: positiveInt.default(50_000),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['STRIPE_WEBHOOK_SECRET'], message: 'is required when STRIPE_SECRET_KEY is set (Stripe tells the API about payments through its webhooks)' });
    }
    if (env.OIDC_ISSUER && !env.OIDC_AUDIENCE) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'is required when OIDC_ISSUER is set' });
    }
    if (env.AGENT_RESULT_MAX_BYTES !== undefined && env.AGENT_RESULT_MAX_BYTES >= env.STREAM_MAX_BUFFER_BYTES) {
      ctx.addIssue({ code: 'custom', path: ['AGENT_RESULT_MAX_BYTES'], message: 'must be below STREAM_MAX_BUFFER_BYTES (a stream message must fit a slow client’s buffer)' });
    }
    if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_KEY_PATH'],
        message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH go together',
      });
    }
  });

export type Config = Omit<z.infer<typeof envSchema>, 'AGENT_RESULT_MAX_BYTES' | 'BILLING_UPGRADE_URL'> & {
  PUBLIC_URL: string;
  DOCS_BASE_URL: string;
  AGENT_RESULT_MAX_BYTES: number;
  BILLING_UPGRADE_URL: string;
};

/** Thrown by `parseConfig` when the environment is invalid; the message names each variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment (default `process.env`); empty strings count as unset. */
export function parseConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
    );
  }
  const env = result.data;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
  return {
    ...env,
    PUBLIC_URL: publicUrl,
    DOCS_BASE_URL: env.DOCS_BASE_URL ?? `${publicUrl}/v1/docs`,
    BILLING_UPGRADE_URL: env.BILLING_UPGRADE_URL ?? `${publicUrl}/v1/docs#/Subscription/upgradeSubscription`,
    AGENT_RESULT_MAX_BYTES: env.AGENT_RESULT_MAX_BYTES ?? Math.min(256 * 1024, Math.floor(env.STREAM_MAX_BUFFER_BYTES / 4)),
  };
}

/** For process entry points: parse or print the problems and exit(1). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(source);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
