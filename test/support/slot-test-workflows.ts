// Workflows for the agentSlots tests: the real `agentSlots` workflow, and a stand-in slot holder
// that records what the slots workflow tells it and runs until it is terminated.
import { condition, defineQuery, setHandler } from '@temporalio/workflow';
import { slotGrantedSignal, slotQueuePositionSignal } from '../../workflows/agent-slots.definitions';

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
