import { z } from 'zod';
import { Scope } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { IdempotencyKeyHeader, IsoDateQuery, IsoDateTime, nonBlankText } from '../http/schemas';
import type { Principal } from '../http/request-context';
import { pageCursor } from '../http/schemas';
import type { VisualizationService, Viewer } from '../visualizations/visualization.service';

/** The caller, or the share token a request to a shareable route came with instead. */
function viewer(principal: Principal, shareToken: string | undefined): Viewer {
  return shareToken !== undefined ? { shareToken } : { principal };
}

const Sha = z.string().regex(/^[0-9a-fA-F]{40}([0-9a-fA-F]{24})?$/, 'must be a full commit ID (40 hex digits, or 64 for SHA-256 repositories)');

const Comment = z
  .object({
    comment_id: z.string(),
    visualization_id: z.string(),
    commit_sha: z.string(),
    content: z.string(),
    author: z.string().meta({ description: "The commenter's name (the caller's, whatever the request said)" }),
    created_at: IsoDateTime,
  })
  .meta({ id: 'VisualizationComment' });

const STATUSES = ['processing', 'completed', 'failed', 'cancelled'] as const;
const VisualizationId = z.string().min(1).meta({ description: "A visualization ID (viz_…); anything that names none of the caller's visualizations is 404", example: 'viz_7K2M9QW4XH8TZ1RB' });

/**
 * A branch name as git accepts it (`git check-ref-format --branch`, the rules that matter for
 * a request): no control characters, spaces, `~^:?*[\`, `..`, `@{`, no leading `-` or `/`.
 */
const BranchName = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  .regex(/^(?!-)(?!\/)(?!.*\.\.)(?!.*@\{)(?!.*\/\/)(?!.*\.lock$)(?!.*\/$)(?!.*\.$)[^\u0000-\u0020\u007f~^:?*[\\]+$/, 'must be a git branch name')
  .meta({ description: "Default: the repository's default branch", example: 'main' });

/** `maxCommits`: REPOSITORY_MAX_COMMITS, the ceiling of `options.max_commits`. */
const visualizeBody = (maxCommits: number) =>
  z
    .object({
      repository_url: z.string().min(1).max(2048).meta({
        description: '`https://` of a public host, or a host in REPOSITORY_ALLOWED_HOSTS (which may use `http://`). Credentials, other transports and private addresses are refused.',
        example: 'https://github.com/temporalio/samples-typescript',
      }),
      branch: BranchName.optional(),
      analysis_depth: z.enum(['summary', 'full']).optional().meta({ description: '`full` (default): figures, files and the history; `summary`: figures and files, no history' }),
      options: z
        .object({
          include_commits: z.boolean().optional().meta({ description: 'The timeline in `data` (default true)' }),
          include_branches: z.boolean().optional().meta({ description: "The repository's branches and their heads in `data.branches` (default false; at most 1,000, by name)" }),
          include_contributors: z.boolean().optional().meta({ description: 'The contributors in `data` (default true)' }),
          max_commits: z.int().min(1).max(maxCommits).optional().meta({ description: `Most commits read, the newest ones (default and at most ${maxCommits}, REPOSITORY_MAX_COMMITS)` }),
        })
        .optional(),
    })
    .meta({ id: 'VisualizeRequest' });

const VisualizeAnswer = z
  .object({
    visualization_id: z.string(),
    status: z.enum(STATUSES),
    estimated_duration_seconds: z.number().int(),
    result_url: z.string(),
    preview_url: z.string().meta({ description: "This API's 3D page of the visualization" }),
    websocket_url: z.string(),
    events_url: z.string(),
    workflow_id: z.string(),
  })
  .meta({ id: 'VisualizeResponse' });

const Node = z.object({
  path: z.string(),
  name: z.string(),
  type: z.enum(['directory', 'file']),
  bytes: z.number().int(),
  lines: z.number().int().nullable(),
  language: z.string().nullable(),
  first_commit: z.string().nullable(),
  last_commit: z.string().nullable(),
});

const VisualizationView = z
  .object({
    visualization_id: z.string(),
    status: z.enum(STATUSES),
    repository: z.string().meta({ description: 'The repository URL as requested' }),
    branch: z.string().nullable(),
    head_sha: z.string().optional(),
    analysis_depth: z.string(),
    options: z.record(z.string(), z.unknown()),
    created_at: IsoDateTime,
    completed_at: IsoDateTime.nullable(),
    preview_url: z.string(),
    share_url: z.string().nullable(),
    embed_code: z.string().nullable(),
    reused: z.boolean().optional().meta({ description: 'The analysis of an earlier visualization of the same head was reused' }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    stats: z
      .object({
        total_commits: z.number().int().meta({ description: '`git rev-list --count <branch>`' }),
        total_files: z.number().int().meta({ description: 'Entries of `git ls-tree -r <branch>`' }),
        total_contributors: z.number().int().meta({ description: 'Authors after .mailmap, as `git shortlog -se` counts them' }),
        lines_of_code: z.number().int().meta({ description: 'Lines of the text files at the head' }),
        languages: z.record(z.string(), z.number()).meta({ description: "Percent of bytes per language, GitHub linguist's rules", example: { TypeScript: 81.2, Python: 18.8 } }),
        commits_analysed: z.number().int(),
        truncated: z.boolean().meta({ description: 'max_commits cut the history: commits_analysed < total_commits' }),
      })
      .optional(),
    data: z
      .object({
        nodes: z.array(Node).optional().meta({ description: 'Absent with timeline_only' }),
        edges: z.array(z.object({ source: z.string(), target: z.string() })).optional().meta({ description: 'Absent with timeline_only' }),
        timeline: z.array(
          z.object({
            seq: z.number().int(),
            sha: z.string(),
            timestamp: IsoDateTime,
            author: z.string(),
            author_email: z.string(),
            message: z.string(),
            added: z.array(z.string()),
            modified: z.array(z.string()),
            deleted: z.array(z.string()),
            renamed: z.array(z.object({ from: z.string(), to: z.string() })),
          }),
        ),
        timeline_total: z.number().int(),
        timeline_offset: z.number().int(),
        timeline_has_more: z.boolean(),
        contributors: z.array(z.object({ name: z.string(), email: z.string(), commits: z.number().int() })).optional(),
        branches: z.array(z.object({ name: z.string(), head_sha: z.string() })).optional().meta({ description: 'With include_branches: the branches when it was fetched' }),
        language_colors: z.record(z.string(), z.string()).optional().meta({ description: "Linguist's colour of each language (#rrggbb)", example: { TypeScript: '#3178c6' } }),
      })
      .optional(),
    included: z.object({ commits: z.boolean(), contributors: z.boolean(), branches: z.boolean(), history: z.boolean() }).optional(),
  })
  .meta({ id: 'Visualization' });

const Commit = z.object({
  sha: z.string(),
  author: z.string(),
  author_email: z.string(),
  message: z.string(),
  timestamp: IsoDateTime,
  files_changed: z.number().int(),
  insertions: z.number().int(),
  deletions: z.number().int(),
  branch: z.string(),
  parents: z.array(z.string()),
});

export function registerVisualizationRoutes(routes: ApiRoutes, service: VisualizationService, limits: { maxCommits: number }): void {
  const tag = 'Repository visualization';

  routes.add({
    method: 'post',
    path: '/v1/visualize/repository',
    operationId: 'visualizeRepository',
    startsWork: true,
    tag,
    summary: 'Analyse a repository for the 3D page',
    description:
      'Starts a `visualization` Temporal workflow (ID = visualization ID, task queue `<prefix>-analysis`): fetch the repository into a worker\'s cache, analyse it, store the analysis. A URL the policy refuses (not https, credentials, a private address, a redirect to one) is 400 with `details.field: "repository_url"`; a repository or branch that does not exist ends the visualization as `failed`, saying which. The same repository, branch and head of the same user reuses the stored analysis.',
    scope: Scope.agentsWrite,
    body: visualizeBody(limits.maxCommits),
    headers: IdempotencyKeyHeader,
    response: {
      status: 202,
      schema: VisualizeAnswer,
      description: 'The visualization was accepted',
      links: {
        GetVisualization: { operationId: 'getVisualization', parameters: { visualization_id: '$response.body#/visualization_id' } },
        ListVisualizationCommits: { operationId: 'listVisualizationCommits', parameters: { visualization_id: '$response.body#/visualization_id' } },
        DeleteVisualization: { operationId: 'deleteVisualization', parameters: { visualization_id: '$response.body#/visualization_id' } },
      },
    },
    errors: ['CONFLICT'],
    handler: ({ principal, body, headers }) => service.create(principal, body, headers['Idempotency-Key'] as string | undefined),
  });

  routes.add({
    method: 'get',
    path: '/v1/visualize/{visualization_id}',
    operationId: 'getVisualization',
    tag,
    summary: 'A visualization: status, figures, files, and a page of its timeline',
    description: 'Once `completed`: `stats` (figures equal to git\'s own), `data.nodes` and `data.edges` (the head\'s directories and files), and the timeline (commits oldest first, with their changes) a page at a time: `timeline_offset`, `timeline_limit`.',
    scope: Scope.agentsRead,
    params: z.object({ visualization_id: VisualizationId }),
    query: z.object({
      timeline_offset: z.coerce.number().int().min(0).default(0),
      timeline_limit: z.coerce.number().int().min(0).max(10_000).default(1000),
      timeline_only: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true')
        .meta({ description: '`true`: `data` holds the timeline page alone (no nodes, edges, contributors): for reading further pages' }),
    }),
    response: { schema: VisualizationView, description: 'The visualization' },
    errors: ['NOT_FOUND'],
    shareable: true,
    handler: ({ principal, shareToken, params, query }) => service.get(viewer(principal, shareToken), params.visualization_id, query),
  });

  routes.add({
    method: 'get',
    path: '/v1/visualize/{visualization_id}/commits',
    operationId: 'listVisualizationCommits',
    tag,
    summary: 'The analysed commits, newest first, filtered',
    description: '`from` and `to` bound the author time, both inclusive (a date alone is its whole day, UTC: `to=2026-11-29` includes that day); `author` is an email (after .mailmap); `branch` other than the analysed one matches nothing. `total` counts every commit the filter matches.',
    scope: Scope.agentsRead,
    params: z.object({ visualization_id: VisualizationId }),
    query: z.object({
      from: IsoDateQuery.optional(),
      to: IsoDateQuery.optional(),
      author: z.string().min(1).max(320).optional(),
      branch: z.string().min(1).max(255).optional(),
      limit: z.coerce.number().int().min(1).max(10_000).default(1000),
      offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
    }),
    response: {
      schema: z.object({ visualization_id: z.string(), commits: z.array(Commit), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), has_more: z.boolean() }),
      description: 'A page of commits',
    },
    errors: ['NOT_FOUND', 'CONFLICT'],
    shareable: true,
    handler: ({ principal, shareToken, params, query }) => service.commits(viewer(principal, shareToken), params.visualization_id, query),
  });

  routes.add({
    method: 'post',
    path: '/v1/visualize/{visualization_id}/comment',
    operationId: 'commentOnVisualization',
    tag,
    summary: 'Comment on a commit of a visualization',
    description: 'The comment is the caller\'s: `author` in the answer is the caller\'s name, whatever the request says. A commit the visualization did not analyse is 404.',
    scope: Scope.agentsWrite,
    params: z.object({ visualization_id: VisualizationId }),
    body: z
      .object({
        commit_sha: Sha,
        content: nonBlankText(10_000),
        author: z.string().max(200).optional().meta({ description: 'Ignored: the comment is the caller\'s' }),
      })
      .meta({ id: 'CommentRequest' }),
    response: {
      status: 201,
      schema: Comment,
      description: 'The comment',
      links: { ListComments: { operationId: 'listVisualizationComments', parameters: { visualization_id: '$response.body#/visualization_id' } } },
    },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: ({ principal, params, body }) => service.comment(principal, params.visualization_id, body),
  });

  routes.add({
    method: 'get',
    path: '/v1/visualize/{visualization_id}/comments',
    operationId: 'listVisualizationComments',
    tag,
    summary: "A visualization's comments, oldest first",
    scope: Scope.agentsRead,
    shareable: true,
    params: z.object({ visualization_id: VisualizationId }),
    query: z.object({
      commit_sha: Sha.optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: pageCursor('cmt_'),
    }),
    response: {
      schema: z.object({ visualization_id: z.string(), comments: z.array(Comment), has_more: z.boolean(), next_cursor: z.string().nullable() }),
      description: 'A page of comments',
    },
    errors: ['NOT_FOUND'],
    handler: ({ principal, shareToken, params, query }) => service.comments(viewer(principal, shareToken), params.visualization_id, query),
  });

  routes.add({
    method: 'post',
    path: '/v1/visualize/{visualization_id}/share',
    operationId: 'shareVisualization',
    tag,
    summary: 'Make a share link: read access without an account',
    description:
      'Anyone with `url` opens the 3D page, and reads this visualization, its commits and comments (the API with `X-Share-Token: <token>`), until `expires_at` or a revoke; then 404. A share link opens nothing else. The token is 256 random bits, kept only as its SHA-256: this answer is the one time it is shown.',
    scope: Scope.agentsWrite,
    params: z.object({ visualization_id: VisualizationId }),
    body: z
      .object({
        permissions: z.literal('read').default('read'),
        expires_in_days: z.int().min(1).max(365).default(7),
      })
      .meta({ id: 'ShareRequest' }),
    response: {
      status: 201,
      schema: z
        .object({
          share_id: z.string(),
          url: z.string(),
          token: z.string().meta({ description: 'For the API (`X-Share-Token`); also the last part of `url`' }),
          expires_at: IsoDateTime,
          permissions: z.literal('read'),
          embed_code: z.string().meta({ description: 'An <iframe> of the page in its embed mode' }),
        })
        .meta({ id: 'Share' }),
      description: 'The share link',
      links: { RevokeShare: { operationId: 'revokeVisualizationShare', parameters: { visualization_id: '$request.path.visualization_id', share_id: '$response.body#/share_id' } } },
    },
    errors: ['NOT_FOUND'],
    handler: ({ principal, params, body }) => service.share(principal, params.visualization_id, body) as Promise<{ share_id: string; url: string; token: string; expires_at: string; permissions: 'read'; embed_code: string }>,
  });

  routes.add({
    method: 'delete',
    path: '/v1/visualize/{visualization_id}/share/{share_id}',
    operationId: 'revokeVisualizationShare',
    tag,
    summary: 'Revoke a share link',
    scope: Scope.agentsWrite,
    params: z.object({ visualization_id: VisualizationId, share_id: z.string().min(1).meta({ example: 'shr_7K2M9QW4XH8TZ1RB' }) }),
    response: { schema: z.object({ success: z.literal(true), share_id: z.string(), revoked: z.literal(true) }), description: 'Revoked: its token now reads nothing' },
    errors: ['NOT_FOUND'],
    handler: ({ principal, params }) => service.revokeShare(principal, params.visualization_id, params.share_id),
  });

  routes.add({
    method: 'delete',
    path: '/v1/visualize/{visualization_id}',
    operationId: 'deleteVisualization',
    tag,
    summary: 'Cancel a running visualization, or delete a finished one',
    scope: Scope.agentsWrite,
    params: z.object({ visualization_id: VisualizationId }),
    response: {
      schema: z.object({ success: z.literal(true), visualization_id: z.string(), status: z.enum(['cancelled', 'deleted']) }),
      description: 'Cancelled, or deleted with its stream and (when no other visualization reads it) its analysis',
    },
    otherResponses: [
      { status: 202, schema: z.object({ success: z.literal(true), visualization_id: z.string(), status: z.literal('cancelling') }), description: 'The cancel is requested; the stream says when it has ended' },
    ],
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: async ({ principal, params, setStatus }) => {
      const answer = await service.remove(principal, params.visualization_id);
      setStatus(answer.status);
      return answer.body as { success: true; visualization_id: string; status: 'cancelled' | 'deleted' };
    },
  });
}
