/**
 * The optional model: any OpenAI-compatible `POST {LLM_BASE_URL}/chat/completions` endpoint
 * (OpenAI, vLLM, LM Studio, Ollama's /v1, …), called with the global `fetch`. The API key
 * goes into the Authorization header and nowhere else: error messages are scrubbed of it.
 */
import { z } from 'zod';
import { findingSchema, SEVERITIES, type AgentSpec, type Finding, type TokenUsage } from './protocol';
import type { SourceFile } from './source-file';

/** Unset and empty variables alike mean "not configured". */
const optionalSetting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const llmEnvSchema = z.object({
  /** Base URL of the OpenAI-compatible API, e.g. `http://127.0.0.1:1234/v1`. Unset: no model. */
  LLM_BASE_URL: optionalSetting(z.url()),
  /** Bearer token; optional because local servers often need none. */
  LLM_API_KEY: optionalSetting(z.string()),
  /** Model name; the spec's `model` overrides it. No model name: no model call. */
  LLM_MODEL: optionalSetting(z.string()),
  /** Limit of one model call. Default 120 s (and never beyond 90% of the spec's time limit). */
  LLM_TIMEOUT_SECONDS: optionalSetting(z.coerce.number().positive()),
  /** USD per 1,000 prompt tokens. Default 0. */
  LLM_PRICE_PROMPT_PER_1K: optionalSetting(z.coerce.number().min(0)),
  /** USD per 1,000 completion tokens. Default 0. */
  LLM_PRICE_COMPLETION_PER_1K: optionalSetting(z.coerce.number().min(0)),
  /** Characters of file content sent to the model. Default 48,000. */
  LLM_PROMPT_BUDGET_CHARS: optionalSetting(z.coerce.number().int().positive()),
});

export interface LlmConfig {
  baseUrl: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  pricePromptPer1k: number;
  priceCompletionPer1k: number;
  promptBudgetChars: number;
}

/**
 * Thrown by `chatCompletion` when the endpoint fails or answers something that is not a chat
 * completion, and by `llmConfigFromEnv` for a malformed setting (status undefined, not retryable).
 */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    message: string,
    /** Retrying may help: 429, 5xx, timeouts and network errors. */
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The model settings, or undefined when no model is configured (no base URL or no model name). */
export function llmConfigFromEnv(env: NodeJS.ProcessEnv, spec: Pick<AgentSpec, 'model' | 'time_limit_seconds'>): LlmConfig | undefined {
  const parsed = llmEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LlmError(`Invalid model setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, false);
  }
  const e = parsed.data;
  const model = spec.model ?? e.LLM_MODEL;
  if (!e.LLM_BASE_URL || !model) return undefined;
  const timeoutSeconds = Math.min(e.LLM_TIMEOUT_SECONDS ?? 120, spec.time_limit_seconds ? spec.time_limit_seconds * 0.9 : Infinity);
  return {
    baseUrl: e.LLM_BASE_URL.replace(/\/+$/, ''),
    ...(e.LLM_API_KEY ? { apiKey: e.LLM_API_KEY } : {}),
    model,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    pricePromptPer1k: e.LLM_PRICE_PROMPT_PER_1K ?? 0,
    priceCompletionPer1k: e.LLM_PRICE_COMPLETION_PER_1K ?? 0,
    promptBudgetChars: e.LLM_PROMPT_BUDGET_CHARS ?? 48_000,
  };
}

const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string().nullish() }) }))
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().min(0).default(0),
      completion_tokens: z.number().int().min(0).default(0),
      total_tokens: z.number().int().min(0).optional(),
    })
    .nullish(),
});

export interface ChatRequest {
  system: string;
  user: string;
  maxTokens?: number;
  temperature?: number;
}

export interface ChatAnswer {
  content: string;
  usage: TokenUsage;
  costUsd: number;
}

export const NO_USAGE: TokenUsage = { prompt: 0, completion: 0, total: 0 };

/** One chat completion. `signal` aborts it (cancellation); the configured timeout bounds it. */
export async function chatCompletion(config: LlmConfig, request: ChatRequest, signal?: AbortSignal): Promise<ChatAnswer> {
  const scrub = (text: string): string => (config.apiKey ? text.split(config.apiKey).join('[Redacted]') : text);
  const timeout = AbortSignal.timeout(config.timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${config.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: config.model,
        messages: [
          { role: 'system', content: request.system },
          { role: 'user', content: request.user },
        ],
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      }),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (err) {
    if (timeout.aborted) throw new LlmError(`The model did not answer within ${config.timeoutMs / 1000} s`, true);
    throw new LlmError(`Could not reach the model endpoint: ${scrub(errorText(err))}`, true);
  }
  const body = await response.text().catch(() => '');
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw new LlmError(`The model endpoint answered HTTP ${response.status}: ${scrub(apiErrorMessage(body))}`, retryable, response.status);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new LlmError('The model endpoint answered something other than JSON', false, response.status);
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) throw new LlmError('The model endpoint answered something other than a chat completion', false, response.status);
  const usage = parsed.data.usage;
  const prompt = usage?.prompt_tokens ?? 0;
  const completion = usage?.completion_tokens ?? 0;
  const tokens = { prompt, completion, total: usage?.total_tokens ?? prompt + completion };
  return {
    content: parsed.data.choices[0]?.message.content ?? '',
    usage: tokens,
    costUsd: costOf(tokens, config),
  };
}

/** USD for the tokens at the configured prices, rounded to a millionth. */
export function costOf(usage: TokenUsage, config: Pick<LlmConfig, 'pricePromptPer1k' | 'priceCompletionPer1k'>): number {
  const cost = (usage.prompt / 1000) * config.pricePromptPer1k + (usage.completion / 1000) * config.priceCompletionPer1k;
  return Math.round(cost * 1e6) / 1e6;
}

function errorText(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}

/** The `error.message` of an OpenAI-style error body, else the start of the body. */
function apiErrorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = z.object({ error: z.object({ message: z.string() }) }).safeParse(parsed);
    if (message.success) return message.data.error.message.slice(0, 300);
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.slice(0, 300) || '(empty body)';
}

// ---------------------------------------------------------------- prompts and answers

export interface PromptInput {
  task: string;
  files: SourceFile[];
  findings: Finding[];
  repository?: string;
  branch?: string;
  previousResults?: unknown[];
  budgetChars: number;
}

const FINDINGS_FORMAT = `If you report issues, add them as a JSON array in a \`\`\`json fenced block, one object per issue:
{"severity": "${SEVERITIES.join('|')}", "title": "…", "description": "…", "file": "path", "line": 1, "suggestion": "…", "rule_id": "short-kebab-id"}`;

/**
 * The user message: the task, what static analysis found, and the files, each cut to a fair
 * share of the budget (small files whole, the rest split among the large ones).
 */
export function buildUserPrompt(input: PromptInput): string {
  const parts = [`Task: ${input.task}`];
  if (input.repository) parts.push(`Repository: ${input.repository}${input.branch ? ` (branch ${input.branch})` : ''}`);
  if (input.findings.length) {
    const listed = input.findings.slice(0, 100).map((f) => `- [${f.severity}] ${f.file}:${f.line} ${f.title} (${f.rule_id})`);
    parts.push(`Static analysis found ${input.findings.length} issue(s):\n${listed.join('\n')}`);
  }
  if (input.previousResults?.length) {
    parts.push(`Results of the agents before you (JSON):\n${JSON.stringify(input.previousResults).slice(0, 4000)}`);
  }
  const shares = fairShares(input.files.map((f) => f.content.length), input.budgetChars);
  const sections = input.files.map((f, i) => {
    const share = shares[i] ?? 0;
    const content = f.content.length > share ? `${f.content.slice(0, share)}\n[… ${f.content.length - share} more characters cut]` : f.content;
    return `--- ${f.path} (${f.language}, ${f.lineCount} lines) ---\n${content}`;
  });
  if (sections.length) parts.push(`Files:\n${sections.join('\n\n')}`);
  parts.push(FINDINGS_FORMAT);
  return parts.join('\n\n');
}

/** Splits `budget` so that sizes below their share get all they need and the rest is shared evenly. */
function fairShares(sizes: number[], budget: number): number[] {
  const shares = new Array<number>(sizes.length).fill(0);
  const order = sizes.map((size, i) => ({ size, i })).sort((a, b) => a.size - b.size);
  let remaining = budget;
  order.forEach(({ size, i }, k) => {
    const share = Math.min(size, Math.floor(remaining / (order.length - k)));
    shares[i] = share;
    remaining -= share;
  });
  return shares;
}

const modelFindingSchema = z.object({
  severity: z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), findingSchema.shape.severity),
  title: z.string().min(1),
  description: z.string().catch(''),
  file: z.string().catch(''),
  line: z.coerce.number().int().min(1).catch(1),
  suggestion: z.string().catch(''),
  rule_id: z.string().min(1).catch('review'),
});

/**
 * Findings the model listed in ```json fenced blocks (an array, or an object with a
 * `findings` array). Entries without a valid severity and title are dropped; rule ids are
 * prefixed with `llm:` so a reader knows where they came from.
 */
export function extractModelFindings(content: string): Finding[] {
  const findings: Finding[] = [];
  for (const block of content.matchAll(/```(?:json)?[^\n]*\n([\s\S]*?)```/g)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(block[1] ?? '');
    } catch {
      continue;
    }
    const items = Array.isArray(parsed) ? parsed : z.object({ findings: z.array(z.unknown()) }).safeParse(parsed).data?.findings;
    for (const item of items ?? []) {
      const finding = modelFindingSchema.safeParse(item);
      if (finding.success) findings.push({ ...finding.data, rule_id: `llm:${finding.data.rule_id}` });
    }
  }
  return findings;
}
