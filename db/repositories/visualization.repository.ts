import { sql } from 'kysely';
import type { Db } from '../connection';
import type { Insertable, Transaction } from 'kysely';
import type { CommitRecord } from '../../repositories/analysis';
import type { Database, RepositoryAnalysisRow, RepositoryCommitsTable, Visualization, VisualizationStatus } from '../database';
import { newId } from '../../lib/ids';
import { appendEventsInTransaction, type AppendEventInput } from './stream-event.repository';
import { putJsonBlob } from './blob.repository';

export interface NewVisualization {
  id: string;
  userId: string;
  repositoryUrl: string;
  branch: string | null;
  analysisDepth: string;
  options: Record<string, unknown>;
}

/**
 * Creates the visualization and its event stream in one transaction: `db`'s own, or the one
 * `db` is (the Idempotency-Key's claim runs in the caller's transaction).
 */
export async function insertVisualization(db: Db | Transaction<Database>, v: NewVisualization): Promise<Visualization> {
  const insert = async (trx: Transaction<Database>) => {
    const row = await trx
      .insertInto('visualizations')
      .values({ id: v.id, user_id: v.userId, repository_url: v.repositoryUrl, branch: v.branch, analysis_depth: v.analysisDepth, options: JSON.stringify(v.options) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('event_streams').values({ id: v.id, user_id: v.userId }).execute();
    return row;
  };
  return db.isTransaction ? insert(db as Transaction<Database>) : db.transaction().execute(insert);
}

/** The caller's visualization, or undefined (another user's is as absent as an unknown one). */
export async function findUserVisualization(db: Db, userId: string, id: string): Promise<Visualization | undefined> {
  return db.selectFrom('visualizations').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function findVisualization(db: Db, id: string): Promise<Visualization | undefined> {
  return db.selectFrom('visualizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAnalysis(db: Db, id: string): Promise<RepositoryAnalysisRow | undefined> {
  return db.selectFrom('repository_analyses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What makes two analyses the same (the unique index repository_analyses_reuse). */
export interface AnalysisKey {
  userId: string;
  url: string;
  branch: string;
  headSha: string;
  analysisDepth: string;
  maxCommits: number;
}

/** A stored analysis of the same user, URL, branch, head, depth and commit limit (in `db` or a transaction). */
export async function findReusableAnalysis(db: Db | Transaction<Database>, key: AnalysisKey): Promise<string | undefined> {
  const row = await db
    .selectFrom('repository_analyses')
    .select('id')
    .where('user_id', '=', key.userId)
    .where('url', '=', key.url)
    .where('branch', '=', key.branch)
    .where('head_sha', '=', key.headSha)
    .where('analysis_depth', '=', key.analysisDepth)
    .where('max_commits', '=', key.maxCommits)
    .executeTakeFirst();
  return row?.id;
}

/** A commit as the analysis reads it (repositories/analysis.ts), stored as a row. */
export type StoredCommit = CommitRecord;

/** Rows per INSERT of commits (11 parameters each, well under Postgres's 65535). */
const COMMIT_BATCH = 2000;

/**
 * Stores an analysis: its data blob, its row and its commits (oldest first, `commitCount` of
 * them, read batch by batch so a long history is never held whole), in one transaction. When
 * the same analysis was stored meanwhile (a retried activity, two requests at once), answers
 * that one's ID and stores nothing.
 */
export async function storeAnalysis(
  db: Db,
  key: AnalysisKey,
  analysis: { stats: Record<string, unknown>; truncated: boolean; data: unknown; commitCount: number; commitsOldestFirst: AsyncIterable<StoredCommit> | Iterable<StoredCommit> },
): Promise<string> {
  const existing = await findReusableAnalysis(db, key);
  if (existing) return existing;
  return db.transaction().execute(async (trx) => {
    // Serialises two stores of the same key: the second waits, then finds the first.
    await sql`select pg_advisory_xact_lock(hashtext(${[key.userId, key.url, key.branch, key.headSha].join("\n")}))`.execute(trx);
    const raced = await findReusableAnalysis(trx, key);
    if (raced) return raced;
    const blob = await putJsonBlob(trx as unknown as Db, key.userId, analysis.data);
    const id = newId('analysis');
    await trx
      .insertInto('repository_analyses')
      .values({
        id,
        user_id: key.userId,
        url: key.url,
        branch: key.branch,
        head_sha: key.headSha,
        analysis_depth: key.analysisDepth,
        max_commits: key.maxCommits,
        stats: JSON.stringify(analysis.stats),
        truncated: analysis.truncated,
        commit_count: analysis.commitCount,
        data_blob_id: blob.id,
      })
      .execute();
    let seq = 0;
    let rows: Insertable<RepositoryCommitsTable>[] = [];
    const flush = async () => {
      if (rows.length) await trx.insertInto('repository_commits').values(rows).execute();
      rows = [];
    };
    for await (const c of analysis.commitsOldestFirst) {
      rows.push({
        analysis_id: id,
        seq: seq++,
        sha: c.sha,
        parents: c.parents,
        author_name: c.author_name,
        author_email: c.author_email,
        authored_at: new Date(c.timestamp * 1000),
        message: c.message,
        files_changed: c.files_changed,
        insertions: c.insertions,
        deletions: c.deletions,
        changes: JSON.stringify(c.changes),
      });
      if (rows.length >= COMMIT_BATCH) await flush();
    }
    await flush();
    if (seq !== analysis.commitCount) throw new Error(`expected ${analysis.commitCount} commits, read ${seq}`);
    return id;
  });
}

/**
 * Records a visualization's end and appends its final stream event, in one transaction. Only a
 * visualization still `processing` changes (a late or repeated call changes nothing); answers
 * whether this call recorded it.
 */
export async function finishVisualization(
  db: Db,
  input: {
    id: string;
    status: Exclude<VisualizationStatus, 'processing'>;
    analysisId?: string;
    reused?: boolean;
    error?: { code: string; message: string };
    branches?: { name: string; sha: string }[];
    event: Omit<AppendEventInput, 'streamId' | 'final'>;
  },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('visualizations')
      .set({
        status: input.status,
        analysis_id: input.analysisId ?? null,
        reused: input.reused ?? false,
        error_code: input.error?.code ?? null,
        error_message: input.error?.message ?? null,
        ...(input.branches ? { branches: JSON.stringify(input.branches) } : {}),
        completed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', input.id)
      .where('status', '=', 'processing')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await appendEventsInTransaction(trx, [{ ...input.event, streamId: input.id, final: true }]);
    return true;
  });
}

export interface CommitFilter {
  analysisId: string;
  /** Inclusive bounds on the author time. */
  from?: Date;
  to?: Date;
  authorEmail?: string;
  limit: number;
  offset: number;
}

/** A page of an analysis's commits, newest first, and how many match the filter in all. */
export async function listCommits(db: Db, f: CommitFilter) {
  let q = db.selectFrom('repository_commits').where('analysis_id', '=', f.analysisId);
  if (f.from) q = q.where('authored_at', '>=', f.from);
  if (f.to) q = q.where('authored_at', '<=', f.to);
  if (f.authorEmail) q = q.where(sql`lower(author_email)`, '=', f.authorEmail.toLowerCase());
  const [rows, total] = await Promise.all([
    q
      .select(['sha', 'parents', 'author_name', 'author_email', 'authored_at', 'message', 'files_changed', 'insertions', 'deletions'])
      .orderBy('seq', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Commits in play order (oldest first) with their changes: the timeline, a page at a time. */
export async function timelinePage(db: Db, analysisId: string, offset: number, limit: number) {
  return db
    .selectFrom('repository_commits')
    .select(['seq', 'sha', 'author_name', 'author_email', 'authored_at', 'message', 'changes'])
    .where('analysis_id', '=', analysisId)
    .where('seq', '>=', offset)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Whether a commit is among the analysis's commits. */
export async function hasCommit(db: Db, analysisId: string, sha: string): Promise<boolean> {
  const row = await db.selectFrom('repository_commits').select('seq').where('analysis_id', '=', analysisId).where('sha', '=', sha).executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes a finished visualization, its stream, and its analysis when no other visualization
 * reads it (the analysis's commits go with it; its blob too).
 */
export async function deleteVisualization(db: Db, v: Visualization): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('visualizations').where('id', '=', v.id).execute();
    await trx.deleteFrom('event_streams').where('id', '=', v.id).execute();
    if (v.analysis_id) {
      const others = await trx.selectFrom('visualizations').select('id').where('analysis_id', '=', v.analysis_id).limit(1).executeTakeFirst();
      if (!others) {
        const analysis = await trx.deleteFrom('repository_analyses').where('id', '=', v.analysis_id).returning('data_blob_id').executeTakeFirst();
        if (analysis) await trx.deleteFrom('blobs').where('id', '=', analysis.data_blob_id).execute();
      }
    }
  });
}

/** Median seconds from request to completion of the user's recent visualizations (estimates). */
export async function medianVisualizationSeconds(db: Db, userId: string): Promise<number | null> {
  const row = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('visualizations')
        .select(sql<number>`extract(epoch from completed_at - created_at)`.as('s'))
        .where('user_id', '=', userId)
        .where('status', '=', 'completed')
        .orderBy('created_at', 'desc')
        .limit(20)
        .as('recent'),
    )
    .select(sql<number | null>`percentile_cont(0.5) within group (order by s)`.as('median'))
    .executeTakeFirst();
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}
