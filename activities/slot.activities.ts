import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { parallelAgentsOf } from '../lib/agent-line';
import {
  acquireSlotSignal,
  agentSlotsWorkflowId,
  releaseSlotSignal,
  type AgentSlotsState,
} from '../workflows/agent-slots.definitions';

export interface SlotActivityDeps {
  client: Client;
  /** Task queue of the `agentSlots` workflow (the general queue). */
  taskQueue: string;
  /** The line continues as new past this many history events (AGENT_LINE_MAX_HISTORY_EVENTS). */
  maxHistoryEvents?: number;
  /** Where the user's current tier is read: a request carries the limit of now, not of when its task started. */
  db?: Db;
}

/** Talking to a user's `agentSlots` workflow, which workflows cannot start themselves. */
export function createSlotActivities(deps: SlotActivityDeps) {
  const { client } = deps;
  return {
    /** Asks for a slot, starting the user's slots workflow if it is not running. Idempotent. */
    async requestSlot(input: { userId: string; workflowId: string; limit: number | null }): Promise<void> {
      // The tier may have changed since the task started (an upgrade while it waited to be asked for).
      const user = deps.db ? await deps.db.selectFrom('users').select('tier').where('id', '=', input.userId).executeTakeFirst() : undefined;
      const limit = user ? parallelAgentsOf(user.tier) : input.limit;
      const initial: AgentSlotsState = { userId: input.userId, limit, holders: [], waiting: [], maxHistoryEvents: deps.maxHistoryEvents };
      await client.workflow.signalWithStart('agentSlots', {
        workflowId: agentSlotsWorkflowId(input.userId),
        taskQueue: deps.taskQueue,
        args: [initial],
        signal: acquireSlotSignal,
        signalArgs: [{ workflowId: input.workflowId, limit }],
        staticSummary: `Parallel-agent slots of ${input.userId}`,
      });
    },

    /** Gives a slot back (or leaves the line). Nothing to do when the slots workflow has ended. */
    async releaseSlot(input: { userId: string; workflowId: string }): Promise<void> {
      try {
        await client.workflow.getHandle(agentSlotsWorkflowId(input.userId)).signal(releaseSlotSignal, { workflowId: input.workflowId });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    },

    /** Which of these workflows have closed (completed, failed, cancelled, terminated…). */
    async closedWorkflows(workflowIds: string[]): Promise<string[]> {
      const closed: string[] = [];
      for (const id of workflowIds) {
        try {
          const description = await client.workflow.getHandle(id).describe();
          if (description.status.name !== 'RUNNING') closed.push(id);
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) closed.push(id);
          else throw err;
        }
      }
      return closed;
    },
  };
}

export type SlotActivities = ReturnType<typeof createSlotActivities>;
