import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { ProjectionReconciler } from '../../activities/reconcile.activities';
import type { Config } from '../../config/env';
import type { Db } from '../../db/connection';
import type { Visualization } from '../../db/database';
import { getJsonBlob } from '../../db/repositories/blob.repository';
import { releaseIdempotencyKeys } from '../../db/repositories/idempotency.repository';
import { appendEvents } from '../../db/repositories/stream-event.repository';
import * as repo from '../../db/repositories/visualization.repository';
import * as social from '../../db/repositories/visualization-social.repository';
import { newId } from '../../lib/ids';
import type { SearchAttributesOnce } from '../../lib/search-attributes';
import { pollUntil, runningForCancel } from '../../lib/workflow-start';
import { startVisualization } from '../../lib/workflow-starts';
import { parentOf, type Contributor, type FileChange, type RepositoryStats, type TreeNode } from '../../repositories/analysis';
import { RepositoryUrlError, type RepositoryPolicy } from '../../repositories/url-policy';
import type { AnalysisDepth } from '../../workflows/visualization.definitions';
import { ApiError } from '../errors';
import { endOfDateQuery } from '../http/schemas';
import { claimOrReplay } from '../http/idempotency';
import type { Principal } from '../http/request-context';

export interface VisualizationServiceDeps {
  db: Db;
  temporal: Client;
  config: Config;
  policy: RepositoryPolicy;
  searchAttributes: SearchAttributesOnce;
  /** Records at once the end of a workflow an operator closed (DELETE of such a visualization). */
  reconciler: ProjectionReconciler;
}

export interface VisualizeRequest {
  repository_url: string;
  branch?: string;
  analysis_depth?: AnalysisDepth;
  options?: { include_commits?: boolean; include_branches?: boolean; include_contributors?: boolean; max_commits?: number };
}

/**
 * Who reads: a user by their credentials, or anyone holding a share link's token (read access
 * to that one visualization).
 */
export type Viewer = { principal: Principal; shareToken?: undefined } | { principal?: undefined; shareToken: string };

/** Estimate when no visualization of this user has finished yet (seconds). */
const DEFAULT_ESTIMATE_SECONDS = 30;
/** How long DELETE of a running visualization waits for it to end before answering 202 (ms). */
const CANCEL_WAIT_MS = 5_000;

/**
 * Repository visualizations (API.md "Repository visualization"): a `visualization` workflow per
 * request, its row and stream in Postgres, its analysis shared by requests of the same head.
 */
export class VisualizationService {
  constructor(private readonly deps: VisualizationServiceDeps) {}

  /**
   * Checks the URL (policy, resolved addresses, redirects), stores the request and starts the
   * workflow (ID = visualization ID, on `<prefix>-analysis`).
   * @throws ApiError INVALID_REQUEST (field `repository_url`) for a URL the policy refuses;
   *   CONFLICT for an Idempotency-Key reused with another body.
   */
  async create(principal: Principal, body: VisualizeRequest, idempotencyKey?: string) {
    const { db, config } = this.deps;
    try {
      await this.deps.policy.probe(body.repository_url);
    } catch (err) {
      if (err instanceof RepositoryUrlError) throw new ApiError('INVALID_REQUEST', `Invalid request: ${err.message}`, { field: 'repository_url', reason: err.reason });
      throw err;
    }
    const analysisDepth = body.analysis_depth ?? 'full';
    const options = {
      include_commits: body.options?.include_commits ?? true,
      include_branches: body.options?.include_branches ?? false,
      include_contributors: body.options?.include_contributors ?? true,
      max_commits: body.options?.max_commits ?? config.REPOSITORY_MAX_COMMITS,
    };
    const id = newId('visualization');
    const insert = (into: Db) =>
      repo.insertVisualization(into, { id, userId: principal.userId, repositoryUrl: body.repository_url, branch: body.branch ?? null, analysisDepth, options });
    const outcome = !idempotencyKey
      ? { created: await insert(db) }
      : await db.transaction().execute(async (trx) => {
          const existing = await claimOrReplay(trx, { userId: principal.userId, scope: 'visualize', key: idempotencyKey, body, resourceId: id, idField: 'visualization_id' });
          return existing ? { existing } : { created: await insert(trx) };
        });
    const row = outcome.created ?? (outcome.existing ? await repo.findUserVisualization(db, principal.userId, outcome.existing) : undefined);
    if (!row) throw new Error(`visualization ${id} was neither created nor found`);
    try {
      await this.start(row);
    } catch (err) {
      if (outcome.created) {
        await db.deleteFrom('visualizations').where('id', '=', row.id).execute();
        await db.deleteFrom('event_streams').where('id', '=', row.id).execute();
        await releaseIdempotencyKeys(db, row.id);
      }
      throw err;
    }
    const median = await repo.medianVisualizationSeconds(db, principal.userId);
    return {
      visualization_id: row.id,
      status: row.status,
      estimated_duration_seconds: median === null ? DEFAULT_ESTIMATE_SECONDS : Math.max(1, Math.round(median)),
      result_url: `/v1/visualize/${row.id}`,
      preview_url: this.pageUrl(row.id),
      websocket_url: `${config.PUBLIC_URL.replace(/^http/, 'ws')}/v1/visualize/${row.id}/stream`,
      events_url: `/v1/visualize/${row.id}/events`,
      workflow_id: row.id,
    };
  }

  /** The visualization: status, and once completed its figures and a page of its timeline. */
  async get(viewer: Viewer, id: string, page: { timeline_offset: number; timeline_limit: number; timeline_only?: boolean }) {
    const v = await this.readable(viewer, id);
    return this.view(v, page, viewer.shareToken);
  }

  /** A page of the analysed commits, newest first, filtered. */
  async commits(viewer: Viewer, id: string, q: { from?: string; to?: string; author?: string; branch?: string; limit: number; offset: number }) {
    const v = await this.readable(viewer, id);
    const analysis = await this.analysisOf(v);
    const empty = q.branch !== undefined && q.branch !== analysis.branch;
    const page = empty
      ? { rows: [], total: 0 }
      : await repo.listCommits(this.deps.db, {
          analysisId: analysis.id,
          from: q.from ? new Date(q.from) : undefined,
          to: q.to ? endOfDateQuery(q.to) : undefined,
          authorEmail: q.author,
          limit: q.limit,
          offset: q.offset,
        });
    return {
      visualization_id: v.id,
      commits: page.rows.map((c) => ({
        sha: c.sha,
        author: c.author_name,
        author_email: c.author_email,
        message: c.message,
        timestamp: c.authored_at.toISOString(),
        files_changed: c.files_changed,
        insertions: c.insertions,
        deletions: c.deletions,
        branch: analysis.branch,
        parents: c.parents,
      })),
      total: page.total,
      limit: q.limit,
      offset: q.offset,
      has_more: q.offset + page.rows.length < page.total,
    };
  }

  /**
   * DELETE: a running visualization is cancelled (200 `cancelled`, or 202 `cancelling` while
   * its workflow stops); a finished one is deleted with its stream (and its analysis when no
   * other visualization reads it): 200 `deleted`.
   */
  async remove(principal: Principal, id: string): Promise<{ status: 200 | 202; body: { success: true; visualization_id: string; status: 'cancelled' | 'cancelling' | 'deleted' } }> {
    const { db, temporal } = this.deps;
    const v = await this.owned(principal, id);
    if (v.status !== 'processing') {
      await repo.deleteVisualization(db, v);
      return { status: 200, body: { success: true, visualization_id: v.id, status: 'deleted' } };
    }
    const handle = temporal.workflow.getHandle(v.id);
    const running = await runningForCancel(handle, () => startVisualization(temporal, this.deps.config, v));
    if (!running) {
      // Closed already (an operator's terminate): record how, and say so.
      await this.deps.reconciler.reconcileWorkflow(v.id);
      const now = await repo.findVisualization(db, v.id);
      if (now && now.status !== 'processing') throw ApiError.conflict(`Visualization already ${now.status}`, { status: now.status });
    }
    await handle.cancel();
    await appendEvents(db, [
      {
        streamId: v.id,
        type: 'progress',
        dedupeKey: 'cancel-requested',
        payload: { type: 'progress', visualization_id: v.id, status: 'cancelling', message: 'Cancellation requested', timestamp: new Date().toISOString() },
      },
    ]);
    const final = await pollUntil(async () => {
      const now = await repo.findVisualization(db, v.id);
      return now && now.status !== 'processing' ? now : undefined;
    }, CANCEL_WAIT_MS);
    if (!final) return { status: 202, body: { success: true, visualization_id: v.id, status: 'cancelling' } };
    if (final.status !== 'cancelled') throw ApiError.conflict(`Visualization already ${final.status}`, { status: final.status });
    return { status: 200, body: { success: true, visualization_id: v.id, status: 'cancelled' } };
  }

  /**
   * A comment on a commit of the visualization, by the caller (whatever a request's `author`
   * says: the comment shows the caller's name).
   * @throws ApiError NOT_FOUND (the visualization, or a commit it did not analyse); CONFLICT while it is not completed
   */
  async comment(principal: Principal, id: string, body: { commit_sha: string; content: string }) {
    const v = await this.owned(principal, id);
    const analysis = await this.analysisOf(v);
    const sha = body.commit_sha.toLowerCase();
    if (!(await repo.hasCommit(this.deps.db, analysis.id, sha))) throw ApiError.notFound('Commit');
    const user = await this.deps.db.selectFrom('users').select(['name', 'email']).where('id', '=', principal.userId).executeTakeFirstOrThrow();
    const row = await social.insertComment(this.deps.db, { visualizationId: v.id, userId: principal.userId, commitSha: sha, content: body.content, author: user.name || user.email });
    return commentView(row);
  }

  /** A page of the visualization's comments, oldest first, optionally on one commit. */
  async comments(viewer: Viewer, id: string, q: { commit_sha?: string; limit: number; cursor?: string }) {
    const v = await this.readable(viewer, id);
    const page = await social.listComments(this.deps.db, { visualizationId: v.id, commitSha: q.commit_sha?.toLowerCase(), cursor: q.cursor, limit: q.limit });
    const last = page.comments[page.comments.length - 1];
    return { visualization_id: v.id, comments: page.comments.map(commentView), has_more: page.hasMore, next_cursor: page.hasMore && last ? last.id : null };
  }

  /**
   * A share link: an unguessable token (256 bits), stored only as its SHA-256. Anyone holding it
   * reads this visualization, its commits and comments (the page at `url`, or the API with
   * `X-Share-Token`) until `expires_at` or a revoke.
   */
  async share(principal: Principal, id: string, body: { permissions: 'read'; expires_in_days: number }) {
    const v = await this.owned(principal, id);
    const token = randomBytes(32).toString('base64url');
    const row = await social.insertShare(this.deps.db, {
      visualizationId: v.id,
      userId: principal.userId,
      token,
      permissions: body.permissions,
      expiresAt: new Date(Date.now() + body.expires_in_days * 86_400_000),
    });
    const url = this.shareUrl(token);
    return { share_id: row.id, url, token, expires_at: row.expires_at.toISOString(), permissions: row.permissions, embed_code: embedCode(url) };
  }

  /** Revokes a share link: its token then reads nothing (404). */
  async revokeShare(principal: Principal, id: string, shareId: string) {
    const v = await this.owned(principal, id);
    if (!(await social.revokeShare(this.deps.db, v.id, shareId))) throw ApiError.notFound('Share');
    return { success: true as const, share_id: shareId, revoked: true as const };
  }

  /** The visualization a live share token opens, or undefined (expired, revoked, unknown). */
  async sharedVisualizationId(token: string): Promise<string | undefined> {
    return (await social.findLiveShare(this.deps.db, token))?.visualization_id;
  }

  /** A viewer's visualization: the caller's own, or the one their live share token opens. @throws NOT_FOUND */
  private async readable(viewer: Viewer, id: string): Promise<Visualization> {
    if (viewer.principal) return this.owned(viewer.principal, id);
    const share = await social.findLiveShare(this.deps.db, viewer.shareToken);
    if (!share || share.visualization_id !== id) throw ApiError.notFound('Visualization');
    const v = await repo.findVisualization(this.deps.db, id);
    if (!v) throw ApiError.notFound('Visualization');
    return v;
  }

  private shareUrl(token: string): string {
    return `${this.deps.config.PUBLIC_URL}/shared/${token}`;
  }

  private async owned(principal: Principal, id: string): Promise<Visualization> {
    const v = await repo.findUserVisualization(this.deps.db, principal.userId, id);
    if (!v) throw ApiError.notFound('Visualization');
    return v;
  }

  /** The completed visualization's analysis. @throws CONFLICT while it is not completed */
  private async analysisOf(v: Visualization) {
    if (v.status !== 'completed' || !v.analysis_id) {
      throw ApiError.conflict(`Visualization is ${v.status}: its commits are read once it is completed`, { status: v.status });
    }
    const analysis = await repo.findAnalysis(this.deps.db, v.analysis_id);
    if (!analysis) throw new Error(`analysis ${v.analysis_id} of ${v.id} is missing`);
    return analysis;
  }

  private pageUrl(id: string): string {
    return `${this.deps.config.PUBLIC_URL}/visualize/${id}`;
  }

  private async view(v: Visualization, page: { timeline_offset: number; timeline_limit: number; timeline_only?: boolean }, shareToken?: string) {
    const shareUrl = shareToken ? this.shareUrl(shareToken) : null;
    const options = v.options as { include_commits: boolean; include_branches: boolean; include_contributors: boolean; max_commits: number };
    const base = {
      visualization_id: v.id,
      status: v.status,
      repository: v.repository_url,
      branch: v.branch,
      analysis_depth: v.analysis_depth,
      options,
      created_at: v.created_at.toISOString(),
      completed_at: v.completed_at?.toISOString() ?? null,
      preview_url: this.pageUrl(v.id),
      share_url: shareUrl,
      embed_code: shareUrl ? embedCode(shareUrl) : null,
      ...(v.error_code ? { error: { code: v.error_code, message: v.error_message ?? '' } } : {}),
    };
    if (v.status !== 'completed' || !v.analysis_id) return base;
    const analysis = await repo.findAnalysis(this.deps.db, v.analysis_id);
    if (!analysis) throw new Error(`analysis ${v.analysis_id} of ${v.id} is missing`);
    const stats = analysis.stats as unknown as RepositoryStats;
    // A further page of the timeline (timeline_only) does not read the files again: the page
    // fetches the history in pages after its first answer.
    const [data, timeline] = await Promise.all([
      page.timeline_only ? undefined : getJsonBlob<{ nodes: TreeNode[]; contributors: Contributor[]; language_colors?: Record<string, string> }>(this.deps.db, analysis.data_blob_id),
      options.include_commits ? repo.timelinePage(this.deps.db, analysis.id, page.timeline_offset, page.timeline_limit) : [],
    ]);
    return {
      ...base,
      branch: analysis.branch,
      head_sha: analysis.head_sha,
      reused: v.reused,
      stats: { ...stats, commits_analysed: analysis.commit_count, truncated: analysis.truncated },
      data: {
        ...(data
          ? {
              nodes: data.nodes,
              edges: data.nodes.filter((n) => n.path !== '').map((n) => ({ source: parentOf(n.path), target: n.path })),
              language_colors: data.language_colors ?? {},
              ...(options.include_contributors ? { contributors: data.contributors } : {}),
            }
          : {}),
        timeline: timeline.map((c) => timelineEntry(c)),
        timeline_total: options.include_commits ? analysis.commit_count : 0,
        timeline_offset: page.timeline_offset,
        timeline_has_more: options.include_commits && page.timeline_offset + timeline.length < analysis.commit_count,
        ...(options.include_branches ? { branches: (v.branches ?? []).map((b) => ({ name: b.name, head_sha: b.sha })) } : {}),
      },
      included: { commits: options.include_commits, contributors: options.include_contributors, branches: options.include_branches, history: v.analysis_depth === 'full' },
    };
  }

  private async start(v: Visualization): Promise<void> {
    await this.deps.searchAttributes.ensure();
    await startVisualization(this.deps.temporal, this.deps.config, v);
  }
}

/** An `<iframe>` of a share link's page in its embed mode. */
function embedCode(url: string): string {
  return `<iframe src="${url}?embed=1" width="960" height="600" style="border:0" loading="lazy" referrerpolicy="no-referrer" title="Repository visualization"></iframe>`;
}

function commentView(c: social.CommentRow) {
  return { comment_id: c.id, visualization_id: c.visualization_id, commit_sha: c.commit_sha, content: c.content, author: c.author, created_at: c.created_at.toISOString() };
}

/** A timeline entry: one commit in play order, its changes grouped by kind. */
function timelineEntry(c: { seq: number; sha: string; author_name: string; author_email: string; authored_at: Date; message: string; changes: unknown }) {
  const changes = (c.changes ?? []) as FileChange[];
  return {
    seq: c.seq,
    sha: c.sha,
    timestamp: c.authored_at.toISOString(),
    author: c.author_name,
    author_email: c.author_email,
    message: c.message,
    added: changes.filter((x) => x.status === 'A').map((x) => x.path),
    modified: changes.filter((x) => x.status === 'M').map((x) => x.path),
    deleted: changes.filter((x) => x.status === 'D').map((x) => x.path),
    renamed: changes.filter((x) => x.status === 'R').map((x) => ({ from: x.from!, to: x.path })),
  };
}

