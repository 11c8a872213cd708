// Activities of the `visualization` workflow: fetch the repository (on the shared analysis queue),
// then analyse and store it on the worker that holds the clone (its own host queue).
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../db/connection';
import { appendEvents } from '../db/repositories/stream-event.repository';
import { findReusableAnalysis, finishVisualization, storeAnalysis, type StoredCommit } from '../db/repositories/visualization.repository';
import type { Logger } from '../lib/logger';
import { analyseRepository, type RepositoryAnalysis } from '../repositories/analysis';
import { BranchNotFoundError, RepositoryLimitError, RepositoryNotFoundError, RepositoryUnavailableError, type RepositoryCache } from '../repositories/repository-cache';
import { GitError } from '../repositories/git';
import { RepositoryUrlError } from '../repositories/url-policy';
import { clip, MAX_MESSAGE_CHARS } from '../workflows/payload-bounds';
import { MAX_BRANCHES, VisualizationFailureType, type AnalysisDepth, type FetchedForAnalysis } from '../workflows/visualization.definitions';

export interface VisualizationActivityDeps {
  db: Db;
  cache: RepositoryCache;
  logger: Logger;
  /** This worker's own task queue: analyse and store run where the clone is. */
  hostQueue: string;
  /** Folder for an analysis handed from `analyseRepository` to `storeAnalysis` (same host). */
  workDir: string;
}

/** The first line of an analysis file; the commits follow, one JSON line each, oldest first. */
type AnalysisFileHeader = Omit<RepositoryAnalysis, 'commits'> & { commit_count: number };

/**
 * Writes an analysis as NDJSON (a header line, then one line per commit, oldest first): written
 * and read a line at a time, a long history is never one string in memory.
 */
async function writeAnalysisFile(file: string, analysis: RepositoryAnalysis): Promise<void> {
  const { commits, ...rest } = analysis;
  const out = createWriteStream(file, 'utf8');
  const write = (line: string) => (out.write(`${line}\n`) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(JSON.stringify({ ...rest, commit_count: commits.length } satisfies AnalysisFileHeader));
  for (let i = commits.length - 1; i >= 0; i--) await write(JSON.stringify(commits[i]));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Seconds between heartbeats of a long step (the workflow's heartbeat timeout is 30 s). */
const HEARTBEAT_EVERY_MS = 5_000;
/** At most one progress event per this many ms (git prints progress many times a second). */
const PROGRESS_EVERY_MS = 1_000;

/** The error types a workflow must not retry (names of the failures thrown below). */
function failure(err: unknown): ApplicationFailure {
  const message = err instanceof Error ? err.message : String(err);
  const nonRetryable = (type: string) => ApplicationFailure.create({ type, message: clip(message, MAX_MESSAGE_CHARS), nonRetryable: true });
  if (err instanceof RepositoryNotFoundError) return nonRetryable(VisualizationFailureType.repositoryNotFound);
  if (err instanceof BranchNotFoundError) return nonRetryable(VisualizationFailureType.branchNotFound);
  if (err instanceof RepositoryUrlError) return nonRetryable(VisualizationFailureType.repositoryUrlRefused);
  if (err instanceof RepositoryLimitError) return nonRetryable(VisualizationFailureType.repositoryLimit);
  if (err instanceof RepositoryUnavailableError) return ApplicationFailure.create({ type: VisualizationFailureType.repositoryUnavailable, message: clip(message, MAX_MESSAGE_CHARS) });
  if (err instanceof GitError && err.stopped === 'aborted') return ApplicationFailure.create({ type: 'Cancelled', message: 'stopped', nonRetryable: true });
  return ApplicationFailure.create({ type: 'AnalysisError', message: clip(message, MAX_MESSAGE_CHARS) });
}

/** Heartbeats every few seconds while `work` runs, and forwards cancellation to it. */
async function withHeartbeats<T>(work: (signal: AbortSignal, beat: (details?: unknown) => void) => Promise<T>): Promise<T> {
  const ctx = Context.current();
  let last: unknown;
  const beat = (details?: unknown) => {
    if (details !== undefined) last = details;
    ctx.heartbeat(last);
  };
  const ticker = setInterval(() => beat(), HEARTBEAT_EVERY_MS);
  try {
    return await work(ctx.cancellationSignal, beat);
  } finally {
    clearInterval(ticker);
  }
}

export function createVisualizationActivities(deps: VisualizationActivityDeps) {
  const { db, cache, logger } = deps;
  mkdirSync(deps.workDir, { recursive: true });

  /**
   * A progress event on the visualization's stream (deduplicated per attempt and step). Events of
   * one visualization are written one after another, so their `seq` follows the order of the calls.
   */
  const writes = new Map<string, Promise<void>>();
  const progress = (visualizationId: string, step: string, value: number, message: string): Promise<void> => {
    const info = Context.current().info;
    const event = {
      streamId: visualizationId,
      type: 'progress',
      payload: { type: 'progress', visualization_id: visualizationId, progress: value, message: clip(message, MAX_MESSAGE_CHARS), timestamp: new Date().toISOString() },
      dedupeKey: `${info.workflowExecution?.runId ?? ''}:${info.activityId}:${info.attempt}:${step}`,
    };
    const next = (writes.get(visualizationId) ?? Promise.resolve())
      .then(() => appendEvents(db, [event]))
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ err, visualization_id: visualizationId }, 'could not record a progress event'),
      );
    writes.set(visualizationId, next);
    void next.then(() => {
      if (writes.get(visualizationId) === next) writes.delete(visualizationId);
    });
    return next;
  };

  return {
    /**
     * Clones or fetches the repository into this worker's cache. Answers where the clone is
     * (this worker's host queue and folder) and what the branch's head is.
     */
    async fetchRepository(input: { visualizationId: string; repositoryUrl: string; branch: string | null }): Promise<FetchedForAnalysis> {
      await progress(input.visualizationId, 'fetch', 5, `Fetching ${input.repositoryUrl}${input.branch ? ` (branch ${input.branch})` : ''}`);
      let lastEvent = 0;
      let lastPhase = '';
      try {
        const fetched = await withHeartbeats((signal, beat) =>
          cache.fetch(input.repositoryUrl, {
            branch: input.branch ?? undefined,
            signal,
            onProgress: (p) => {
              beat(p);
              const now = Date.now();
              if (p.phase !== lastPhase || now - lastEvent >= PROGRESS_EVERY_MS) {
                lastPhase = p.phase;
                lastEvent = now;
                void progress(input.visualizationId, `fetch:${p.phase}:${p.percent ?? ''}`, 5 + Math.round(((p.percent ?? 0) * 35) / 100), `${p.phase}${p.percent === undefined ? '' : `: ${p.percent}%`}`);
              }
            },
          }),
        );
        await progress(input.visualizationId, 'fetched', 40, `Fetched ${fetched.branch} at ${fetched.headSha.slice(0, 12)}`);
        const branches = fetched.branches
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
          .slice(0, MAX_BRANCHES)
          .map((b) => ({ name: clip(b.name, 255), sha: b.sha }));
        return { hostQueue: deps.hostQueue, gitDir: fetched.gitDir, url: fetched.url, branch: fetched.branch, headSha: fetched.headSha, branches };
      } catch (err) {
        throw failure(err);
      }
    },

    /** An analysis of the same user, URL, branch, head, depth and limit stored earlier, if any. */
    async findStoredAnalysis(input: { userId: string; url: string; branch: string; headSha: string; analysisDepth: AnalysisDepth; maxCommits: number }): Promise<string | null> {
      return (await findReusableAnalysis(db, input)) ?? null;
    },

    /**
     * Reads the clone (this host's) and writes the analysis to a file of this host for
     * `storeAnalysis`: too large for a Temporal payload (tens of MB on a long history).
     */
    async analyseRepository(input: { visualizationId: string; gitDir: string; branch: string; maxCommits: number; analysisDepth: AnalysisDepth }): Promise<{ file: string; commits: number }> {
      try {
        const analysis = await withHeartbeats((signal, beat) =>
          analyseRepository({
            gitDir: input.gitDir,
            branch: input.branch,
            // A summary reads no history beyond the counts.
            maxCommits: input.analysisDepth === 'summary' ? 0 : input.maxCommits,
            signal,
            onProgress: (message) => {
              beat(message);
              void progress(input.visualizationId, `analyse:${message}`, 50, message);
            },
          }),
        );
        const file = path.join(deps.workDir, `${input.visualizationId}.ndjson`);
        await writeAnalysisFile(file, analysis);
        return { file, commits: analysis.commits.length };
      } catch (err) {
        throw failure(err);
      }
    },

    /** Stores the analysis `analyseRepository` left in `file` (and removes the file). Answers its ID. */
    async storeAnalysis(input: { visualizationId: string; userId: string; file: string; url: string; analysisDepth: AnalysisDepth; maxCommits: number }): Promise<string> {
      await progress(input.visualizationId, 'store', 90, 'Storing the analysis');
      if (!existsSync(input.file)) {
        // Gone (another host's file, or already stored and removed): analyse again.
        throw ApplicationFailure.create({ type: VisualizationFailureType.analysisFileMissing, message: `the analysis file is gone: ${input.file}`, nonRetryable: true });
      }
      const lines = createInterface({ input: createReadStream(input.file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
      const first = await lines.next();
      if (first.done) throw ApplicationFailure.create({ type: VisualizationFailureType.analysisFileMissing, message: 'the analysis file is empty', nonRetryable: true });
      const header = JSON.parse(first.value) as AnalysisFileHeader;
      async function* commits(): AsyncGenerator<StoredCommit> {
        for (let next = await lines.next(); !next.done; next = await lines.next()) if (next.value) yield JSON.parse(next.value) as StoredCommit;
      }
      const id = await storeAnalysis(
        db,
        { userId: input.userId, url: input.url, branch: header.branch, headSha: header.head_sha, analysisDepth: input.analysisDepth, maxCommits: input.maxCommits },
        {
          stats: { ...header.stats },
          truncated: header.truncated,
          data: { nodes: header.nodes, contributors: header.contributors, language_colors: header.language_colors },
          commitCount: header.commit_count,
          commitsOldestFirst: commits(),
        },
      );
      rmSync(input.file, { force: true });
      return id;
    },

    /** Records the end (once) and the stream's final event. */
    async finishVisualization(input: {
      visualizationId: string;
      status: 'completed' | 'failed' | 'cancelled';
      analysisId?: string;
      reused?: boolean;
      error?: { code: string; message: string };
      /** The remote's branches when fetched (kept for `include_branches`). */
      branches?: { name: string; sha: string }[];
    }): Promise<boolean> {
      const timestamp = new Date().toISOString();
      const event =
        input.status === 'completed'
          ? { type: 'result', payload: { type: 'result', visualization_id: input.visualizationId, status: 'completed', progress: 100, result_url: `/v1/visualize/${input.visualizationId}`, timestamp } }
          : { type: 'error', payload: { type: 'error', visualization_id: input.visualizationId, status: input.status, error: input.error, timestamp } };
      return finishVisualization(db, { id: input.visualizationId, status: input.status, analysisId: input.analysisId, reused: input.reused, error: input.error, branches: input.branches, event });
    },
  };
}

export type VisualizationActivities = ReturnType<typeof createVisualizationActivities>;
