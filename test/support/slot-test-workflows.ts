// Workflows for the agentSlots tests: the real `agentSlots` workflow, and a stand-in slot holder
// that records what the slots workflow tells it and runs until it is terminated.
import { condition, defineQuery, getExternalWorkflowHandle, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { SlotActivities } from '../../activities/slot.activities';
import { agentSlotsWorkflowId, releaseSlotSignal, slotGrantedSignal, slotQueuePositionSignal } from '../../workflows/agent-slots.definitions';

export { agentSlots } from '../../workflows/agent-slots.workflow';

export const holderStateQuery = defineQuery<{ granted: boolean; position: number | null }>('holderState');

export async function slotHolder(): Promise<void> {
  let granted = false;
  let position: number | null = null;
  setHandler(slotGrantedSignal, () => {
    granted = true;
  });
  setHandler(slotQueuePositionSignal, (p) => {
    position = p.position;
  });
  setHandler(holderStateQuery, () => ({ granted, position }));
  await condition(() => false);
}

/** What a releasing holder saw: how often it was granted, and every place in line it was told. */
export interface ReleasingHolderResult {
  grants: number;
  positions: number[];
}

/**
 * A stand-in agent task: asks for a slot (through the `requestSlot` activity, as agentTask does),
 * and once granted gives it back by signal at once, as a finished task does.
 */
export async function releasingHolder(userId: string, limit: number | null): Promise<ReleasingHolderResult> {
  const { requestSlot } = proxyActivities<SlotActivities>({ startToCloseTimeout: '1 minute' });
  let grants = 0;
  const positions: number[] = [];
  setHandler(slotGrantedSignal, () => {
    grants += 1;
  });
  setHandler(slotQueuePositionSignal, (p) => {
    positions.push(p.position);
  });
  await requestSlot({ userId, workflowId: workflowInfo().workflowId, limit });
  await condition(() => grants > 0);
  await getExternalWorkflowHandle(agentSlotsWorkflowId(userId)).signal(releaseSlotSignal, { workflowId: workflowInfo().workflowId });
  // Late duplicate grants would show here.
  await sleep(50);
  return { grants, positions };
}
