/**
 * The agent protocol: how an executor (local child process or Kubernetes Job) talks to an
 * agent program. This module imports only zod, so executors can parse agent output with it
 * without pulling in any agent code.
 *
 * Input: one task spec (JSON, `agentSpecSchema`), read from the file named by
 * `--spec <path>`, else from the file named by the env `AGENT_SPEC_PATH`, else from stdin.
 *
 * Output: JSON lines on stdout and nothing else (diagnostics go to stderr):
 *   {"type":"progress","progress":<0-100 int>,"message":"…"}            several, increasing
 *   then exactly one final line:
 *   {"type":"result","result":{…},"tokens_used":{…},"cost_usd":x}        exit code 0
 *   {"type":"error","code":"AGENT_ERROR"|"INVALID_SPEC"|"LLM_ERROR",
 *    "message":"…","retryable":bool}                                      exit code 1
 *   {"type":"error","code":"CANCELLED","message":"…","partial_result":{…}} exit code 143
 * The CANCELLED line is written on SIGTERM, with whatever the agent had found so far, before
 * the agent exits within the executor's grace period.
 *
 * Lifeline: with the env `AGENT_LIFELINE=stdin` (the local executor sets it), stdin is a pipe
 * from the launcher that is never written to. Its end means the launcher died, even by SIGKILL
 * (the kernel closes the pipe): the agent stops at once, writing nothing more. A retry of the
 * run is already on its way elsewhere.
 */
import { z } from 'zod';

/** Exit codes of an agent program; 143 is the shell's 128 + SIGTERM. */
export const AGENT_EXIT_CODES = { result: 0, error: 1, cancelled: 143 } as const;

/** The env variable, and its value, that make stdin an agent's lifeline (see above). */
export const AGENT_LIFELINE_ENV = 'AGENT_LIFELINE';
export const AGENT_LIFELINE_STDIN = 'stdin';

/** The agent type used when a spec names none. */
export const DEFAULT_AGENT_TYPE = 'general';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

export const specFileSchema = z.object({ path: z.string().min(1), content: z.string() });

/** `context` keeps unknown keys: agents read their own settings from it (e.g. review thresholds). */
export const agentContextSchema = z.looseObject({
  files: z.array(specFileSchema).optional(),
  repository: z.string().optional(),
  branch: z.string().optional(),
  previous_results: z.array(z.unknown()).optional(),
});

export const agentSpecSchema = z.object({
  task_id: z.string().min(1),
  /** Default `general`. */
  agent_type: z.string().min(1).default(DEFAULT_AGENT_TYPE),
  task: z.string().min(1),
  context: agentContextSchema.optional(),
  /** Passed to the model as `max_tokens`; unset leaves the model's default. */
  max_tokens: z.int().positive().optional(),
  /** Passed to the model as `temperature`; unset leaves the model's default. */
  temperature: z.number().min(0).max(2).optional(),
  /** Wall-clock budget; the agent bounds its model call by it. */
  time_limit_seconds: z.number().positive().optional(),
  /** Model name; overrides the env `LLM_MODEL`. */
  model: z.string().min(1).optional(),
  /** A custom agent's system prompt: replaces the agent type's own. */
  instructions: z.string().min(1).optional(),
  /** A custom agent's name, for its messages. */
  agent_name: z.string().min(1).optional(),
  /**
   * A repository checkout to work in (agents/workspace.ts): `base_sha` is checked out at `path`;
   * `context.files` are laid over it after `base_patch` (a previous agent's diff against the
   * same commit). The agent analyses its files and hands back its changes as `result.patch`.
   */
  workspace: z
    .object({
      path: z.string().min(1),
      base_sha: z.string().regex(/^[0-9a-f]{40,64}$/, 'must be a commit ID'),
      base_patch: z.string().optional(),
    })
    .optional(),
});
/** A spec as written by the executor (`agent_type` may be absent). */
export type AgentSpecInput = z.input<typeof agentSpecSchema>;
/** A parsed spec (`agent_type` filled in). */
export type AgentSpec = z.output<typeof agentSpecSchema>;

/** A place in the file a finding points at: its 1-based line and the code there (one line, trimmed). */
export const codeLocationSchema = z.object({ line: z.int().min(1), code: z.string() });

export const findingSchema = z.object({
  severity: severitySchema,
  title: z.string(),
  description: z.string(),
  file: z.string(),
  /** 1-based. */
  line: z.int().min(1),
  suggestion: z.string(),
  rule_id: z.string(),
  /** The weakness class, from MITRE's CWE list (`CWE-89`), for security findings. */
  cwe: z.string().regex(/^CWE-\d+$/).optional(),
  /** Where the untrusted input came from (taint findings). */
  source: codeLocationSchema.optional(),
  /** Where it does harm: the call or statement it reached. */
  sink: codeLocationSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

export const generatedFileSchema = z.object({
  path: z.string().min(1),
  content: z.string(),
  action: z.enum(['create', 'modify']),
});
export type GeneratedFile = z.infer<typeof generatedFileSchema>;

/** What the general agent reports about the file set beside its findings. */
export const fileSetOverviewSchema = z.object({
  files: z.int().min(0),
  lines: z.int().min(0),
  languages: z.record(z.string(), z.int().min(0)),
  largest_files: z.array(z.object({ path: z.string(), lines: z.int().min(0) })),
  functions: z.int().min(0),
  exported_functions: z.int().min(0),
});
export type FileSetOverview = z.infer<typeof fileSetOverviewSchema>;

export const agentResultSchema = z.object({
  /** Reads like "Found 3 high, 5 medium, 2 low severity issues in 4 files". */
  summary: z.string(),
  findings: z.array(findingSchema),
  files: z.array(generatedFileSchema).optional(),
  tests_generated: z.int().min(0).optional(),
  files_modified: z.int().min(0).optional(),
  security_issues: z.int().min(0).optional(),
  /** The model's answer, when a model is configured. */
  model_output: z.string().optional(),
  /** With a workspace: every change in it, as a unified diff against `base_sha` (`git apply` takes it). */
  patch: z.string().optional(),
  /** With a workspace: the paths the patch touches (the request's files and earlier agents' changes included). */
  patched_files: z.array(z.string()).optional(),
  /** With a workspace: the paths this agent itself changed (`files_modified` counts them). */
  modified_files: z.array(z.string()).optional(),
  /** With a workspace: the commit it started from and what was read. */
  workspace: z
    .object({
      base_sha: z.string(),
      files_read: z.int().min(0),
      files_skipped: z.int().min(0),
    })
    .optional(),
  overview: fileSetOverviewSchema.optional(),
});
export type AgentResult = z.infer<typeof agentResultSchema>;

export const tokenUsageSchema = z.object({
  prompt: z.int().min(0),
  completion: z.int().min(0),
  total: z.int().min(0),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;

export const progressLineSchema = z.object({
  type: z.literal('progress'),
  progress: z.int().min(0).max(100),
  message: z.string(),
});
export type ProgressLine = z.infer<typeof progressLineSchema>;

export const resultLineSchema = z.object({
  type: z.literal('result'),
  result: agentResultSchema,
  tokens_used: tokenUsageSchema,
  cost_usd: z.number().min(0),
});
export type ResultLine = z.infer<typeof resultLineSchema>;

/** Failure codes of a final error line other than cancellation. */
export const AGENT_ERROR_CODES = {
  /** The agent itself failed; retrying runs the same code on the same input. */
  AGENT_ERROR: 'AGENT_ERROR',
  /** The spec could not be read or parsed, or names an unknown agent type. Never retryable. */
  INVALID_SPEC: 'INVALID_SPEC',
  /** The model endpoint failed: retryable for 429, 5xx, timeouts and network errors. */
  LLM_ERROR: 'LLM_ERROR',
} as const;

export const errorLineSchema = z.object({
  type: z.literal('error'),
  code: z.enum([AGENT_ERROR_CODES.AGENT_ERROR, AGENT_ERROR_CODES.INVALID_SPEC, AGENT_ERROR_CODES.LLM_ERROR]),
  message: z.string(),
  retryable: z.boolean(),
});
export type ErrorLine = z.infer<typeof errorLineSchema>;

export const cancelledLineSchema = z.object({
  type: z.literal('error'),
  code: z.literal('CANCELLED'),
  message: z.string(),
  partial_result: agentResultSchema,
});
export type CancelledLine = z.infer<typeof cancelledLineSchema>;

export const agentLineSchema = z.union([progressLineSchema, resultLineSchema, errorLineSchema, cancelledLineSchema]);
export type AgentLine = z.infer<typeof agentLineSchema>;
/** A line that ends the agent's output. */
export type FinalLine = ResultLine | ErrorLine | CancelledLine;

/**
 * Parses one stdout line of an agent, as written by the agents in this folder. Throws a
 * `ZodError` (or `SyntaxError` for bad JSON) when the line is not part of the protocol. Executors
 * read other programs' output with the more forgiving `readAgentLine`.
 */
export function parseAgentLine(line: string): AgentLine {
  return agentLineSchema.parse(JSON.parse(line));
}

// ---------------------------------------------------------------------------------------------
// What an agent program may write, as executors read it: the lines above, with every field that
// has an obvious value optional. This is the published schema (protocol.schema.json).

const tokenUsageInputSchema = z
  .object({
    prompt: z.int().min(0).optional(),
    completion: z.int().min(0).optional(),
    total: z.int().min(0).optional().meta({ description: 'Default: prompt + completion' }),
  })
  .meta({ description: 'Tokens the agent spent on a model. Default: all zeros' });

const progressInputSchema = z
  .object({
    type: z.literal('progress'),
    progress: z.number().min(0).max(100).meta({ description: 'Percent done, 0 to 100 (rounded; never goes down in the task)' }),
    message: z.string().optional().meta({ description: 'What the agent is doing. Default: empty' }),
  })
  .meta({ title: 'Progress line', examples: [{ type: 'progress', progress: 45, message: 'Scanning src/auth.rs' }] });

const resultInputSchema = z
  .object({
    type: z.literal('result'),
    result: agentResultSchema,
    tokens_used: tokenUsageInputSchema.optional(),
    cost_usd: z.number().min(0).optional().meta({ description: 'What the model calls cost, in US dollars. Default 0' }),
  })
  .meta({
    title: 'Result line (final; exit 0)',
    examples: [
      {
        type: 'result',
        result: {
          summary: 'Found 1 high severity issue in 1 file',
          findings: [{ severity: 'high', title: 'SQL injection', description: 'User input is formatted into a query', file: 'src/db.py', line: 42, suggestion: 'Use parameters', rule_id: 'py-sql-fstring' }],
        },
        tokens_used: { prompt: 1234, completion: 567, total: 1801 },
        cost_usd: 0.0234,
      },
    ],
  });

const errorInputSchema = z
  .object({
    type: z.literal('error'),
    code: z
      .enum([AGENT_ERROR_CODES.AGENT_ERROR, AGENT_ERROR_CODES.INVALID_SPEC, AGENT_ERROR_CODES.LLM_ERROR, 'CANCELLED'])
      .optional()
      .meta({ description: 'Default AGENT_ERROR. CANCELLED: the answer to SIGTERM, with partial_result' }),
    message: z.string().optional().meta({ description: 'What went wrong. Required unless `error` says it' }),
    error: z
      .union([z.string(), z.object({ code: z.string().optional(), message: z.string() })])
      .optional()
      .meta({ description: 'Accepted in place of `message` (a plain string, or {message})' }),
    retryable: z.boolean().optional().meta({ description: 'Whether running the agent again may succeed. Default false' }),
    partial_result: agentResultSchema.optional().meta({ description: 'With CANCELLED: what the agent had found so far' }),
  })
  .meta({
    title: 'Error line (final; exit 1, or 143 for CANCELLED)',
    examples: [
      { type: 'error', code: 'LLM_ERROR', message: 'The model answered 503', retryable: true },
      { type: 'error', error: 'Could not parse src/main.rs' },
      { type: 'error', code: 'CANCELLED', message: 'Stopped on SIGTERM', partial_result: { summary: 'Stopped after 3 of 9 files', findings: [] } },
    ],
  });

/** Every line an agent may write, by `type` (JSON Schema: `agents/protocol.schema.json`). */
export const agentLineInputSchema = z.discriminatedUnion('type', [progressInputSchema, resultInputSchema, errorInputSchema]).meta({
  title: 'Codex Cloud agent protocol: one line of an agent\'s stdout',
  description:
    'An agent writes JSON lines on stdout: progress lines, then one final result or error line. Lines that are not JSON objects with a "type" are ignored (logged by the worker). A JSON line with a "type" that breaks this schema ends the attempt with AGENT_PROTOCOL_ERROR, naming the field; it is not retried.',
});

/** A JSON line with a `type` that breaks the protocol: ends the attempt, never retried. */
export interface ProtocolViolation {
  type: 'protocol_violation';
  /** The first problem, naming the field (e.g. `result.findings.0.severity: …`). */
  problem: string;
  /** The line, clipped to 300 characters. */
  line: string;
}

/** What a line of an agent's stdout is: a protocol line, a violation, or nothing of the protocol. */
export type ReadLine = { kind: 'line'; line: AgentLine } | { kind: 'violation'; violation: ProtocolViolation } | { kind: 'other' };

/**
 * Reads one line of any agent program's stdout forgivingly (`agentLineInputSchema`), filling in
 * what the line leaves out: `cost_usd` 0, `tokens_used` zeros, an error's code AGENT_ERROR and
 * message from `error`. A line that is not a JSON object with a string `type` is `other`.
 */
export function readAgentLine(raw: string): ReadLine {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'other' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json) || typeof (json as { type?: unknown }).type !== 'string') return { kind: 'other' };
  const parsed = agentLineInputSchema.safeParse(json);
  const clipped = raw.length > 300 ? `${raw.slice(0, 299)}…` : raw;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'type';
    return { kind: 'violation', violation: { type: 'protocol_violation', problem: `${field}: ${issue.message}`, line: clipped } };
  }
  const line = parsed.data;
  if (line.type === 'progress') return { kind: 'line', line: { type: 'progress', progress: Math.round(line.progress), message: line.message ?? '' } };
  if (line.type === 'result') {
    const prompt = line.tokens_used?.prompt ?? 0;
    const completion = line.tokens_used?.completion ?? 0;
    return {
      kind: 'line',
      line: { type: 'result', result: line.result, tokens_used: { prompt, completion, total: line.tokens_used?.total ?? prompt + completion }, cost_usd: line.cost_usd ?? 0 },
    };
  }
  const message = line.message ?? (typeof line.error === 'string' ? line.error : line.error?.message);
  if (message === undefined) {
    return { kind: 'violation', violation: { type: 'protocol_violation', problem: 'message: an error line needs `message` (or `error`)', line: clipped } };
  }
  if (line.code === 'CANCELLED') {
    return { kind: 'line', line: { type: 'error', code: 'CANCELLED', message, partial_result: line.partial_result ?? { summary: message, findings: [] } } };
  }
  return { kind: 'line', line: { type: 'error', code: line.code ?? AGENT_ERROR_CODES.AGENT_ERROR, message, retryable: line.retryable ?? false } };
}
