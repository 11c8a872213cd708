import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { newId } from '../../lib/ids';
import type { Db } from '../connection';
import type { Task, TaskStatus } from '../database';
import { preparedStatement } from '../prepared';
import { admitAgentRunsSql, refundAgentRuns, type Admission } from './usage.repository';

export interface NewTaskInput {
  id: string;
  userId: string;
  agentType: string;
  task: string;
  inputBlobId: string;
  fileCount: number;
  timeLimitSeconds: number;
  idempotencyKey: string | null;
  orchestrationId?: string | null;
  orchestrationStep?: number | null;
  /** The custom agent version the task runs (absent: a built-in agent type). */
  agent?: { id: string; version: number; name: string; type: string };
}

/** The user's task; undefined for an unknown ID or another user's task (both answer 404). */
export async function findUserTask(db: Db, userId: string, id: string): Promise<Task | undefined> {
  return db.selectFrom('tasks').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export interface TaskPageQuery {
  userId: string;
  limit: number;
  status?: TaskStatus;
  agentType?: string;
  /** Keyset position: tasks strictly older than this task of the user's. */
  afterTaskId?: string;
}

/** Newest first; reads one extra row to tell whether there is another page. */
export async function listUserTasks(db: Db, q: TaskPageQuery): Promise<{ tasks: Task[]; hasMore: boolean }> {
  let query = db.selectFrom('tasks').selectAll().where('user_id', '=', q.userId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.agentType) query = query.where('agent_type', '=', q.agentType);
  if (q.afterTaskId) {
    // Compared in the database: timestamps keep microseconds there, which a JS Date would lose.
    const afterTaskId = q.afterTaskId;
    query = query.where(
      (eb) => sql<boolean>`(${eb.ref('created_at')}, ${eb.ref('id')}) < (select t.created_at, t.id from tasks t where t.id = ${afterTaskId} and t.user_id = ${q.userId})`,
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  return { tasks: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

/**
 * Median run time, in seconds, of the last `sample` completed tasks of an agent type (`null`:
 * of any type, the deployment's typical run); null without history.
 */
export async function medianDurationSeconds(db: Db, agentType: string | null, sample = 50): Promise<number | null> {
  let recentQuery = db.selectFrom('tasks').select(sql<number>`extract(epoch from (completed_at - started_at))`.as('seconds'));
  if (agentType !== null) recentQuery = recentQuery.where('agent_type', '=', agentType);
  const recent = recentQuery
    .where('status', '=', 'completed')
    .where('started_at', 'is not', null)
    .orderBy('completed_at', 'desc')
    .limit(sample)
    .as('recent');
  const row = await db
    .selectFrom(recent)
    .select(sql<string | null>`percentile_cont(0.5) within group (order by seconds)`.as('median'))
    .executeTakeFirstOrThrow();
  return row.median === null ? null : Number(row.median);
}

/**
 * A waiting task's live place in its user's line: 1 + the user's waiting tasks with a smaller
 * ticket (tickets are given in order of asking by the line, agent-slots.workflow.ts).
 */
export async function linePosition(db: Db, task: Pick<Task, 'user_id' | 'line_ticket'>): Promise<number | null> {
  if (task.line_ticket === null) return null;
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('ahead'))
    .where('user_id', '=', task.user_id)
    .where('status', '=', 'queued')
    .where('line_ticket', '<', task.line_ticket)
    .executeTakeFirstOrThrow();
  return Number(row.ahead) + 1;
}

/** The user's tasks that are queued or running, `except` one (the task being created). */
export async function countActiveTasks(db: Db, userId: string, except: string): Promise<number> {
  const row = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .where('id', '!=', except)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Undoes `insertTaskWithInput` and its charge, for a task whose workflow failed to start. */
export async function deleteUnstartedTask(db: Db, task: Pick<Task, 'id' | 'input_blob_id'>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await refundAgentRuns(trx, task.id);
    await trx.deleteFrom('event_streams').where('id', '=', task.id).execute();
    await trx.deleteFrom('tasks').where('id', '=', task.id).execute();
    await trx.deleteFrom('blobs').where('id', '=', task.input_blob_id).execute();
  });
}

/** A value as the UTF-8 JSON a blob keeps. */
export function serializeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/**
 * The columns the task insert returns: what its callers read (the workflow's start, the 202, the
 * undo of a failed start). Listed, never `*`: the insert is a prepared statement (db/prepared.ts),
 * and fewer columns are less to describe and parse on every execute.
 */
const CREATED_TASK_COLUMNS = ['id', 'user_id', 'agent_type', 'status', 'task', 'input_blob_id', 'file_count', 'time_limit_seconds'] as const satisfies readonly (keyof Task)[];

/** A task as `insertTaskWithInput` returns it. */
export type CreatedTask = Pick<Task, (typeof CREATED_TASK_COLUMNS)[number]>;

/** The values of one task insert (see `insertTaskWithInput`); the admission's are null without one. */
interface TaskInsertParams extends Record<string, unknown> {
  id: string;
  userId: string;
  agentType: string;
  task: string;
  blobId: string;
  data: Buffer;
  byteSize: number;
  sha256: string;
  fileCount: number;
  timeLimitSeconds: number;
  idempotencyKey: string | null;
  orchestrationId: string | null;
  orchestrationStep: number | null;
  agentId: string | null;
  agentVersion: number | null;
  agentName: string | null;
  agentBaseType: string | null;
  runs: number;
  runsLimit: number | null;
  bytes: number;
  storageLimit: number | null;
}

/** The task insert, with (`admitted`) or without the quotas' check-and-count in front. */
function taskInsert(admitted: boolean) {
  return preparedStatement<TaskInsertParams, CreatedTask>(admitted ? 'insert_task_admitted' : 'insert_task', (db, p) =>
    db
      // The quotas' check-and-count (when asked): a refusal raises, and nothing below is stored.
      .with('a', (q) =>
        q.selectNoFrom(
          admitted
            ? admitAgentRunsSql(p.userId, p.id, { runs: p.runs, runsLimit: p.runsLimit, bytes: p.bytes, storageLimit: p.storageLimit }).as('period_start')
            : sql<Date | null>`null::timestamptz`.as('period_start'),
        ),
      )
      .with('b', (q) =>
        q.insertInto('blobs').values({ id: p.blobId, user_id: p.userId, content_type: sql.lit('application/json'), byte_size: p.byteSize, sha256: p.sha256, data: p.data }).returning('id'),
      )
      .with('t', (q) =>
        q
          .insertInto('tasks')
          .values({
            id: p.id,
            user_id: p.userId,
            agent_type: p.agentType,
            task: p.task,
            input_blob_id: p.blobId,
            file_count: p.fileCount,
            time_limit_seconds: p.timeLimitSeconds,
            idempotency_key: p.idempotencyKey,
            orchestration_id: p.orchestrationId,
            orchestration_step: p.orchestrationStep,
            agent_id: p.agentId,
            agent_version: p.agentVersion,
            agent_name: p.agentName,
            agent_base_type: p.agentBaseType,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .returning(CREATED_TASK_COLUMNS),
      )
      .with('s', (q) => q.insertInto('event_streams').columns(['id', 'user_id']).expression((eb) => eb.selectFrom('t').select(['t.id', 't.user_id'])).returning('id'))
      // Joined, so the admission is evaluated (a plain SELECT in WITH runs only when read).
      .selectFrom(['t', 'a'])
      .select(CREATED_TASK_COLUMNS.map((c) => `t.${c}` as const)),
  );
}
const insertTask = taskInsert(false);
const insertAdmittedTask = taskInsert(true);

/**
 * Creates a task with its input blob and event stream in one statement (one round trip, a
 * prepared statement: this is on the path of every execute), with the quotas' check-and-count
 * first when `admission` is given. Undefined when the task ID exists already (an idempotent
 * retry); its input is then not kept. `inputData` is `inputJson` already serialized (UTF-8 JSON),
 * when the caller measured it.
 *
 * @throws the Postgres error `admissionRefusal` reads, when the admission refuses (nothing stored).
 */
export async function insertTaskWithInput(
  db: Db,
  input: Omit<NewTaskInput, 'inputBlobId'> & { inputJson?: unknown; inputData?: Buffer; admission?: Admission },
): Promise<CreatedTask | undefined> {
  const data = input.inputData ?? serializeJson(input.inputJson);
  const blobId = newId('blob');
  const { admission } = input;
  const [row] = await (admission ? insertAdmittedTask : insertTask).execute(db, {
    id: input.id,
    userId: input.userId,
    agentType: input.agentType,
    task: input.task,
    blobId,
    data,
    byteSize: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    fileCount: input.fileCount,
    timeLimitSeconds: input.timeLimitSeconds,
    idempotencyKey: input.idempotencyKey,
    orchestrationId: input.orchestrationId ?? null,
    orchestrationStep: input.orchestrationStep ?? null,
    agentId: input.agent?.id ?? null,
    agentVersion: input.agent?.version ?? null,
    agentName: input.agent?.name ?? null,
    agentBaseType: input.agent?.type ?? null,
    runs: admission?.runs ?? 0,
    runsLimit: admission?.runsLimit ?? null,
    bytes: admission?.bytes ?? 0,
    storageLimit: admission?.storageLimit ?? null,
  });
  if (!row) await db.deleteFrom('blobs').where('id', '=', blobId).execute();
  return row;
}
