// Types and constants of the `visualization` workflow, shared with its activities and the API.
// Plain declarations: safe in workflow code.
import { defineQuery } from '@temporalio/workflow';

/** `summary`: figures, files and directories, no history; `full` (default): the history too. */
export type AnalysisDepth = 'summary' | 'full';

export interface VisualizationInput {
  visualizationId: string;
  userId: string;
  /** As the caller gave it (the fetch checks it again, with its redirects). */
  repositoryUrl: string;
  /** Null: the repository's default branch. */
  branch: string | null;
  analysisDepth: AnalysisDepth;
  /** Most commits read (the newest ones). */
  maxCommits: number;
}

/** Where `fetchRepository` left the clone. */
export interface FetchedForAnalysis {
  /** The task queue of the worker that holds the clone (analyse and store run there). */
  hostQueue: string;
  gitDir: string;
  /** The URL fetched (normalised, after redirects). */
  url: string;
  branch: string;
  headSha: string;
  /** The remote's branches (at most MAX_BRANCHES, by name), for `include_branches`. */
  branches?: { name: string; sha: string }[];
}

/** Most branches a visualization lists (what crosses Temporal stays bounded). */
export const MAX_BRANCHES = 1000;

export interface VisualizationState {
  visualizationId: string;
  status: 'processing' | 'completed' | 'failed' | 'cancelled';
  /** The step running now, as the Temporal UI's summaries name it. */
  step: string;
  headSha?: string;
  /** The stored analysis it shows, once completed. */
  analysisId?: string;
  reused?: boolean;
  error?: { code: string; message: string };
}

export const visualizationStateQuery = defineQuery<VisualizationState>('state');

/** Failure types of the visualization activities; all but `repositoryUnavailable` are final. */
export const VisualizationFailureType = {
  repositoryNotFound: 'RepositoryNotFound',
  branchNotFound: 'BranchNotFound',
  repositoryUrlRefused: 'RepositoryUrlRefused',
  repositoryLimit: 'RepositoryLimit',
  repositoryUnavailable: 'RepositoryUnavailable',
  analysisFileMissing: 'AnalysisFileMissing',
} as const;

/** Error codes a failed visualization shows (`error.code`). */
export const VisualizationErrorCode = {
  repositoryNotFound: 'REPOSITORY_NOT_FOUND',
  branchNotFound: 'BRANCH_NOT_FOUND',
  repositoryUrlRefused: 'REPOSITORY_URL_REFUSED',
  repositoryLimit: 'REPOSITORY_LIMIT',
  repositoryUnavailable: 'REPOSITORY_UNAVAILABLE',
  analysisFailed: 'ANALYSIS_FAILED',
  cancelled: 'CANCELLED',
} as const;
