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
});
/** A spec as written by the executor (`agent_type` may be absent). */
export type AgentSpecInput = z.input<typeof agentSpecSchema>;
/** A parsed spec (`agent_type` filled in). */
export type AgentSpec = z.output<typeof agentSpecSchema>;

export const findingSchema = z.object({
  severity: severitySchema,
  title: z.string(),
  description: z.string(),
  file: z.string(),
  /** 1-based. */
  line: z.int().min(1),
  suggestion: z.string(),
  rule_id: z.string(),
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
 * Parses one stdout line of an agent. Throws a `ZodError` (or `SyntaxError` for bad JSON)
 * when the line is not part of the protocol.
 */
export function parseAgentLine(line: string): AgentLine {
  return agentLineSchema.parse(JSON.parse(line));
}
