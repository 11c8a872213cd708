import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Db } from '../db/connection';
import type { Database } from '../db/database';
import { appendEventsInTransaction } from '../db/repositories/stream-event.repository';
import type { Logger } from '../lib/logger';
import { NonRetryableFailureType } from '../workflows/failure-types';

/**
 * Rows follow their workflow (DESIGN.md "Keeping the projection true"). Every task and
 * orchestration row names the workflow run that owns it (`workflow_run_id`). A run's writes land
 * on a row it owns or that no run owns yet; a write that does not land is explained here: no row
 * at all (a loud, non-retryable failure: this worker serves another database's workflows), the
 * write already made, or a row owned by another run. Temporal says which run is current: the
 * current run takes the row over (a reset, or a workflow started again by an operator), an older
 * run's write is dropped.
 */


export type ProjectionSubject = 'task' | 'orchestration';

const TABLE = { task: 'tasks', orchestration: 'orchestrations' } as const;

/**
 * SQL condition: the row may be written by `runId` (it owns the row, or no run does yet). `table`
 * qualifies the column, for statements that read another relation with one of that name.
 */
export function writableBy(runId: string, table?: 'tasks' | 'orchestrations' | 'visualizations'): RawBuilder<boolean> {
  const column = sql.ref(table ? `${table}.workflow_run_id` : 'workflow_run_id');
  return sql<boolean>`(${column} is null or ${column} = ${runId})`;
}

/** The non-retryable failure of a bookkeeping activity whose row is not in this database. */
export function rowMissingFailure(subject: ProjectionSubject, id: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: NonRetryableFailureType.projectionRowMissing,
    nonRetryable: true,
    message:
      `No ${subject} row ${id} in this database. This worker may be polling the task queues of another ` +
      'Codex Cloud deployment (same Temporal namespace and TEMPORAL_TASK_QUEUE_PREFIX, another database): ' +
      'give each deployment its own namespace or queue prefix.',
  });
}

/** What became of a run's write. */
export type RunWriteOutcome = 'written' | 'already' | 'stale';

export interface RunOwnershipDeps {
  db: Db;
  client: Client;
  logger: Logger;
}

/** The run Temporal considers current for this workflow ID; undefined when there is none. */
export async function currentRunId(client: Client, workflowId: string): Promise<string | undefined> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).runId;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/**
 * Writes of workflow runs to their rows. `write` is a conditional write that lands only where
 * `writableBy(runId)` holds (and whatever state it requires), and tells whether it landed.
 */
export class RunOwnership {
  constructor(private readonly deps: RunOwnershipDeps) {}

  /**
   * Runs `write`; when it does not land: throws `ProjectionRowMissing` (non-retryable) for a
   * missing row, answers `already` when this run owns the row (the write was made before),
   * takes the row over and writes again when Temporal says this run is the current one, and
   * answers `stale` (nothing written, logged) when it is not.
   */
  async write(subject: ProjectionSubject, id: string, runId: string, write: () => Promise<boolean>): Promise<RunWriteOutcome> {
    if (await write()) return 'written';
    const owner = await this.owner(subject, id);
    if (owner === undefined) {
      this.deps.logger.error({ [`${subject}_id`]: id, run_id: runId }, `no ${subject} row for this workflow: another deployment's workflow?`);
      throw rowMissingFailure(subject, id);
    }
    if (owner.runId === runId) return 'already';
    const current = await currentRunId(this.deps.client, id);
    if (current !== runId) {
      this.deps.logger.warn({ [`${subject}_id`]: id, run_id: runId, current_run_id: current, owner_run_id: owner.runId }, 'write of a superseded workflow run dropped');
      return 'stale';
    }
    await this.takeOver(subject, id, runId);
    return (await write()) ? 'written' : 'already';
  }

  private async owner(subject: ProjectionSubject, id: string): Promise<{ runId: string | null } | undefined> {
    const row = await this.deps.db.selectFrom(TABLE[subject]).select('workflow_run_id').where('id', '=', id).executeTakeFirst();
    return row && { runId: row.workflow_run_id };
  }

  /**
   * The current run takes the row over. A finished row starts again from queued (in progress),
   * its stream is reopened and says why; an unfinished task starts again too (a reset re-runs
   * it). An unfinished orchestration only changes owner: a continued-as-new run goes on with it.
   */
  private async takeOver(subject: ProjectionSubject, id: string, runId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const message = `A new run of this ${subject}'s workflow took over (reset or started again in Temporal): run ${runId}`;
      if (subject === 'task') {
        const row = await trx.selectFrom('tasks').select(['workflow_run_id']).where('id', '=', id).forUpdate().executeTakeFirst();
        if (!row || row.workflow_run_id === runId) return;
        await trx
          .updateTable('tasks')
          .set({
            status: 'queued',
            progress: 0,
            started_at: null,
            completed_at: null,
            result: null,
            error_code: null,
            error_message: null,
            tokens_prompt: 0,
            tokens_completion: 0,
            cost_usd: 0,
            attempts: 0,
            queue_position: null,
            line_ticket: null,
            workflow_run_id: runId,
            updated_at: new Date(),
          })
          .where('id', '=', id)
          .execute();
        await reopenStream(trx, id);
        await appendEventsInTransaction(trx, [
          { streamId: id, type: 'progress', dedupeKey: `${runId}:takeover`, payload: { type: 'progress', task_id: id, progress: 0, status: 'queued', message, timestamp: new Date().toISOString() } },
        ]);
        this.deps.logger.info({ task_id: id, run_id: runId, previous_run_id: row.workflow_run_id }, 'task taken over by a new workflow run');
        return;
      }
      const row = await trx.selectFrom('orchestrations').select(['workflow_run_id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row || row.workflow_run_id === runId) return;
      const finished = row.status !== 'in_progress' && row.status !== 'awaiting_approval';
      await trx
        .updateTable('orchestrations')
        .set({
          workflow_run_id: runId,
          updated_at: new Date(),
          ...(finished ? { status: 'in_progress' as const, aggregated_result: null, error_code: null, error_message: null, completed_at: null } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (!finished) return;
      await reopenStream(trx, id);
      await appendEventsInTransaction(trx, [
        { streamId: id, type: 'progress', dedupeKey: `${runId}:takeover`, payload: { type: 'progress', orchestration_id: id, status: 'in_progress', message, timestamp: new Date().toISOString() } },
      ]);
      this.deps.logger.info({ orchestration_id: id, run_id: runId, previous_run_id: row.workflow_run_id }, 'orchestration taken over by a new workflow run');
    });
  }
}

/**
 * A finished stream goes on: its last event is no longer the last (a reader that resumes reads
 * past it), and new events are accepted again.
 */
async function reopenStream(trx: Transaction<Database>, streamId: string): Promise<void> {
  await trx.updateTable('event_streams').set({ closed: false }).where('id', '=', streamId).execute();
  await trx.updateTable('stream_events').set({ final: false }).where('stream_id', '=', streamId).where('final', '=', true).execute();
}
