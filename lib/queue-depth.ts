// Queue depth for autoscalers and the admin dashboard: Temporal's own backlog of each task queue
// (DescribeTaskQueue with report_stats, Temporal server ≥ 1.25) and the agents waiting in their
// users' lines for a parallel-agent slot (Postgres).
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import type { BacklogSource } from './metrics';

const { TaskQueueType } = temporal.api.enums.v1;

/** One task queue's backlog: tasks not yet handed to a worker, and the oldest one's age (s). */
export interface TaskQueueBacklog {
  taskQueue: string;
  backlog: number;
  ageSeconds: number;
}

/**
 * Reads the figures at most once per `cacheMs` (scrapes from several Prometheus replicas and the
 * dashboard share one read). A failed read answers the last figures, or none.
 */
export class QueueDepth implements BacklogSource {
  private backlogs?: { at: number; value: Promise<TaskQueueBacklog[]> };
  private waiting?: { at: number; value: Promise<{ tier: string; waiting: number }[]> };

  constructor(
    private readonly deps: {
      connection: Connection;
      namespace: string;
      /** The task queues to describe (general, agents, analysis). */
      taskQueues: string[];
      db: Db;
      cacheMs: number;
    },
  ) {}

  /**
   * Per task queue, workflow and activity tasks summed: Temporal's approximate backlog count and
   * age (`TaskQueueStats`). A queue Temporal cannot describe now is left out.
   */
  taskQueueBacklogs(): Promise<TaskQueueBacklog[]> {
    if (this.backlogs && Date.now() - this.backlogs.at < this.deps.cacheMs) return this.backlogs.value;
    const value = Promise.all(this.deps.taskQueues.map((name) => this.describe(name))).then((rows) => rows.filter((r): r is TaskQueueBacklog => r !== undefined));
    this.backlogs = { at: Date.now(), value };
    return value;
  }

  /** Agents waiting for a parallel-agent slot (queued with a line ticket), by their user's tier now. */
  agentsWaitingBySlotTier(): Promise<{ tier: string; waiting: number }[]> {
    if (this.waiting && Date.now() - this.waiting.at < this.deps.cacheMs) return this.waiting.value;
    const value = this.deps.db
      .selectFrom('tasks')
      .innerJoin('users', 'users.id', 'tasks.user_id')
      .select(['users.tier as tier', sql<string>`count(*)`.as('waiting')])
      .where('tasks.status', '=', 'queued')
      .where('tasks.line_ticket', 'is not', null)
      .groupBy('users.tier')
      .execute()
      .then((rows) => rows.map((r) => ({ tier: r.tier, waiting: Number(r.waiting) })));
    this.waiting = { at: Date.now(), value };
    value.catch(() => (this.waiting = undefined));
    return value;
  }

  private async describe(name: string): Promise<TaskQueueBacklog | undefined> {
    try {
      let backlog = 0;
      let ageSeconds = 0;
      for (const taskQueueType of [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY]) {
        const answer = await this.deps.connection.workflowService.describeTaskQueue({
          namespace: this.deps.namespace,
          taskQueue: { name },
          taskQueueType,
          reportStats: true,
        });
        const stats = answer.stats;
        backlog += Number(stats?.approximateBacklogCount ?? 0);
        const age = stats?.approximateBacklogAge;
        ageSeconds = Math.max(ageSeconds, Number(age?.seconds ?? 0) + (age?.nanos ?? 0) / 1e9);
      }
      return { taskQueue: name, backlog, ageSeconds };
    } catch {
      return undefined;
    }
  }
}
