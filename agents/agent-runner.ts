/**
 * Runs one agent on one spec: turns the agent's per-file progress into increasing protocol
 * progress lines, keeps the latest partial result for cancellation, asks the model when one
 * is configured, and ends in exactly one final line.
 */
import { mergeFindings, summarizeFindings } from './findings';
import { chatCompletion, buildUserPrompt, extractModelFindings, LlmError, NO_USAGE, type LlmConfig } from './llm-client';
import {
  agentResultSchema,
  type AgentResult,
  type AgentSpec,
  type CancelledLine,
  type ErrorLine,
  type Finding,
  type ProgressLine,
  type ResultLine,
} from './protocol';
import { SourceFile } from './source-file';
import { loadGrammars, type Grammar } from './syntax/tree';
import { prepareWorkspace, readWorkspace, scratchChange, startTree, workspaceChange, WorkspaceError, writeGenerated, type WorkspaceChange, type WorkspaceFiles } from './workspace';

/** Thrown by an agent when the spec asks for something it cannot do (a bad setting in `context`). */
export class InvalidSpecError extends Error {
  override readonly name = 'InvalidSpecError';
}

/** What an agent gets to work with. */
export interface AgentWork {
  spec: AgentSpec;
  files: SourceFile[];
  /** Reports how much of the analysis is done (0–1). */
  progress(fraction: number, message: string): void;
  /** Records what to hand back if the run is cancelled from now on; built only if it is. */
  checkpoint(partial: () => AgentResult): void;
}

export interface AgentDefinition {
  type: string;
  /** One line for listings. */
  description: string;
  /** The model's role when a model is configured (a custom agent's `instructions` replace it). */
  systemPrompt: string;
  /** Runs only with a model: without one the spec is refused (INVALID_SPEC). */
  needsModel?: boolean;
  analyse(work: AgentWork): Promise<AgentResult>;
}

export interface RunOptions {
  emit(line: ProgressLine): void;
  /** The model, when configured. */
  llm?: LlmConfig;
  /** Aborts a model call in flight. */
  signal?: AbortSignal;
}

/** Where the static analysis ends on the 0–100 scale (its last file one below): the model call takes the rest. */
const STATIC_END_WITH_MODEL = 70;
const STATIC_END = 95;

export class AgentRunner {
  private partial: () => AgentResult = () => ({ summary: 'Cancelled before any file was analysed', findings: [] });
  private lastProgress = -1;

  constructor(
    private readonly spec: AgentSpec,
    private readonly agent: AgentDefinition,
    private readonly options: RunOptions,
  ) {}

  /** The final line for a run stopped now, carrying what was found so far. */
  cancelledLine(reason: string): CancelledLine {
    return { type: 'error', code: 'CANCELLED', message: reason, partial_result: this.partial() };
  }

  async run(): Promise<ResultLine | ErrorLine> {
    try {
      return await this.execute();
    } catch (err) {
      if (err instanceof LlmError) return { type: 'error', code: 'LLM_ERROR', message: err.message, retryable: err.retryable };
      if (err instanceof InvalidSpecError) return { type: 'error', code: 'INVALID_SPEC', message: err.message, retryable: false };
      if (err instanceof WorkspaceError) return { type: 'error', code: 'AGENT_ERROR', message: err.message, retryable: false };
      const message = err instanceof Error ? err.message : String(err);
      return { type: 'error', code: 'AGENT_ERROR', message: `The ${this.agent.type} agent failed: ${message}`, retryable: false };
    }
  }

  private progress(value: number, message: string): void {
    const progress = Math.min(100, Math.max(0, Math.round(value)));
    // Strictly increasing: repeated percentages add chatter, not information.
    if (progress <= this.lastProgress) return;
    this.lastProgress = progress;
    this.options.emit({ type: 'progress', progress, message });
  }

  private async execute(): Promise<ResultLine> {
    const workspace = this.spec.workspace;
    let read: WorkspaceFiles | undefined;
    let start = '';
    if (workspace) {
      await prepareWorkspace(workspace.path, this.spec.context?.files ?? [], workspace.base_patch);
      start = await startTree(workspace.path);
      read = await readWorkspace(workspace.path);
    }
    const files = read ? read.files.map((f) => new SourceFile(f.path, f.read)) : (this.spec.context?.files ?? []).map((f) => new SourceFile(f.path, f.content));
    const llm = this.options.llm;
    const name = this.spec.agent_name ?? this.agent.type;
    if (this.agent.needsModel && !llm) {
      throw new InvalidSpecError(`Agent ${name} is driven by its instructions alone and needs a model endpoint: set LLM_BASE_URL, and LLM_MODEL or the agent's model`);
    }
    const staticEnd = llm ? STATIC_END_WITH_MODEL : STATIC_END;
    await loadGrammars(files.map((f) => f.grammar).filter((g): g is Grammar => g !== undefined));
    this.progress(1, `Starting ${name} on ${files.length} file${files.length === 1 ? '' : 's'}`);
    let result = await this.agent.analyse({
      spec: this.spec,
      files,
      progress: (fraction, message) => this.progress(2 + Math.min(1, Math.max(0, fraction)) * (staticEnd - 3), message),
      checkpoint: (partial) => {
        this.partial = partial;
      },
    });
    const analysed = result;
    this.partial = () => analysed;
    let tokens = NO_USAGE;
    let cost = 0;
    if (llm) {
      this.progress(staticEnd, `Asking the model (${llm.model})`);
      const answer = await chatCompletion(
        llm,
        {
          system: this.spec.instructions ?? this.agent.systemPrompt,
          user: buildUserPrompt({
            task: this.spec.task,
            files,
            findings: result.findings,
            ...(this.spec.context?.repository ? { repository: this.spec.context.repository } : {}),
            ...(this.spec.context?.branch ? { branch: this.spec.context.branch } : {}),
            ...(this.spec.context?.previous_results ? { previousResults: this.spec.context.previous_results } : {}),
            budgetChars: llm.promptBudgetChars,
          }),
          ...(this.spec.max_tokens !== undefined ? { maxTokens: this.spec.max_tokens } : {}),
          ...(this.spec.temperature !== undefined ? { temperature: this.spec.temperature } : {}),
        },
        this.options.signal,
      );
      result = withModelAnswer(result, answer.content, files.length);
      tokens = answer.usage;
      cost = answer.costUsd;
      this.progress(STATIC_END, 'The model answered');
    }
    if (workspace && read) {
      // What the agent wrote goes into the checkout; the patch and its figures come from git.
      if (result.files?.length) await writeGenerated(workspace.path, result.files);
      const change = await workspaceChange(workspace.path, workspace.base_sha, start, (result.files ?? []).map((f) => f.path));
      const skipped = read.skipped.binary + read.skipped.tooLarge + read.skipped.overLimit;
      result = { ...withChange(result, change), workspace: { base_sha: workspace.base_sha, files_read: read.files.length, files_skipped: skipped } };
    } else if (result.files?.length) {
      // No repository: the patch is against the files the request sent (API.md: a task whose
      // agent changed code has `result.patch`), made the same way in a scratch repository.
      const change = await scratchChange(this.spec.context?.files ?? [], result.files);
      if (change) result = withChange(result, change);
    }
    return { type: 'result', result: agentResultSchema.parse(result), tokens_used: tokens, cost_usd: cost };
  }
}

/**
 * The result with its patch and the figures git gives for it: the whole diff and the paths it
 * touches, and this agent's own work (the request's files and an earlier agent's changes are
 * not its): the files it changed and the test cases it added.
 */
function withChange(result: AgentResult, change: WorkspaceChange): AgentResult {
  return {
    ...result,
    ...(change.patch ? { patch: change.patch } : {}),
    patched_files: change.files,
    files_modified: change.ownFiles.length,
    modified_files: change.ownFiles,
    tests_generated: change.ownTestsAdded,
  };
}

/**
 * Adds the model's answer and the findings it listed at places static analysis did not
 * already flag; the summary is recounted when findings were added.
 */
function withModelAnswer(result: AgentResult, content: string, fileCount: number): AgentResult {
  const flagged = new Set(result.findings.map((f) => `${f.file}:${f.line}`));
  const added: Finding[] = extractModelFindings(content).filter((f) => !flagged.has(`${f.file}:${f.line}`));
  if (!added.length) return { ...result, model_output: content };
  const findings = mergeFindings(result.findings, added);
  return { ...result, findings, summary: recount(result.summary, findings, fileCount), model_output: content };
}

const LEADING_COUNT = /^(?:Found .*? in \d+ files?|No issues found in \d+ files?)/;

/** Replaces the count at the start of a summary ("Found … in N files"), or puts one in front. */
function recount(summary: string, findings: Finding[], fileCount: number): string {
  const counted = summarizeFindings(findings, fileCount);
  return LEADING_COUNT.test(summary) ? summary.replace(LEADING_COUNT, counted) : `${counted}. ${summary}`;
}

/** Lets pending signals (SIGTERM) run between files of a long analysis. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `analyse` on each file in turn, reporting progress per file and checkpointing after
 * each, so a cancellation flushes every finished file's findings (`partial` builds that
 * result from the files done so far).
 */
export async function forEachFile<T>(
  work: AgentWork,
  analyse: (file: SourceFile) => T,
  partial: (done: T[], analysed: number) => AgentResult,
): Promise<T[]> {
  const done: T[] = [];
  for (const [i, file] of work.files.entries()) {
    done.push(analyse(file));
    // What was computed for this file is not needed again: one file's text and tree at a time.
    file.release();
    // `done` only grows, so the first i + 1 entries are this checkpoint's files.
    work.checkpoint(() => partial(done.slice(0, i + 1), i + 1));
    work.progress((i + 1) / work.files.length, `Analysed ${file.path} (${i + 1}/${work.files.length})`);
    await yieldToEventLoop();
  }
  return done;
}

/** The summary of an agent that was given no files. */
export const NO_FILES_SUMMARY = 'Nothing to analyse: the task came with no files (context.files is empty)';

/** "Stopped after 3 of 10 files" for a partial result, else nothing. */
export function stoppedEarly(analysed: number, total: number): string {
  return analysed < total ? ` Stopped after ${analysed} of ${total} files.` : '';
}
