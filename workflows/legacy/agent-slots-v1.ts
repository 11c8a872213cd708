// The parallel-agent line as it was before 2026-11-29 (agent-slots.workflow.ts says what changed).
// Runs started before then replay this code until they continue as new, which they do when idle
// for 10 minutes or when Temporal suggests it; delete this file once none remains.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { SlotActivities } from '../../activities/slot.activities';
import { BOOKKEEPING_ACTIVITY } from '../activity-options';
import {
  acquireSlotSignal,
  agentSlotsStateQuery,
  releaseSlotSignal,
  slotGrantedSignal,
  slotQueuePositionSignal,
  type AgentSlotsState,
  type SlotRequest,
} from '../agent-slots.definitions';

const { closedWorkflows } = proxyActivities<SlotActivities>(BOOKKEEPING_ACTIVITY);

/** How often slot holders are checked while others wait: a holder that ended without giving its slot back frees it. */
const AUDIT_INTERVAL_MS = 60_000;
/** With nothing held or waiting for this long, the workflow ends (the next request starts it again). */
const IDLE_MS = 10 * 60_000;

/** The first version of the `agentSlots` workflow, for runs started before the line's rewrite. */
export async function agentSlotsV1(state: AgentSlotsState): Promise<void> {
  const holders = new Set(state.holders);
  const waiting: string[] = [...state.waiting];
  let limit = state.limit;
  let dirty = true;

  setHandler(agentSlotsStateQuery, () => ({ userId: state.userId, limit, holders: [...holders], waiting: [...waiting] }));
  setHandler(acquireSlotSignal, (request: SlotRequest) => {
    limit = request.limit;
    if (!holders.has(request.workflowId) && !waiting.includes(request.workflowId)) waiting.push(request.workflowId);
    dirty = true;
  });
  setHandler(releaseSlotSignal, ({ workflowId }) => {
    holders.delete(workflowId);
    const i = waiting.indexOf(workflowId);
    if (i >= 0) waiting.splice(i, 1);
    dirty = true;
  });

  const lastPositions = new Map<string, number>();
  for (;;) {
    if (dirty) {
      dirty = false;
      await grantWhatFits();
    }
    const idle = holders.size === 0 && waiting.length === 0;
    const woke = await condition(() => dirty, idle ? IDLE_MS : AUDIT_INTERVAL_MS);
    if (!woke && idle) break;
    if (!woke && waiting.length > 0) {
      // Holders that ended without releasing (e.g. terminated by an operator) give their slots back.
      for (const gone of await closedWorkflows([...holders])) holders.delete(gone);
      dirty = true;
    }
    if (workflowInfo().continueAsNewSuggested && !dirty) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof agentSlotsV1>({ userId: state.userId, limit, holders: [...holders], waiting });
    }
  }

  async function grantWhatFits(): Promise<void> {
    while (waiting.length > 0 && (limit === null || holders.size < limit)) {
      const next = waiting.shift()!;
      holders.add(next);
      lastPositions.delete(next);
      try {
        await getExternalWorkflowHandle(next).signal(slotGrantedSignal);
      } catch {
        // The requester is gone (cancelled while it waited): the slot stays free.
        holders.delete(next);
      }
    }
    for (let i = 0; i < waiting.length; i++) {
      const id = waiting[i]!;
      if (lastPositions.get(id) === i + 1) continue;
      lastPositions.set(id, i + 1);
      try {
        await getExternalWorkflowHandle(id).signal(slotQueuePositionSignal, { position: i + 1, limit: limit ?? 0 });
      } catch {
        waiting.splice(i, 1);
        i -= 1;
      }
    }
  }
}
