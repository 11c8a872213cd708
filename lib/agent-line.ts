import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { agentSlotsWorkflowId, setSlotLimitSignal } from '../workflows/agent-slots.definitions';
import { tierLimits } from './tiers';

/** The parallel-agent limit of a tier (API.md tier table); null = unlimited. */
export function parallelAgentsOf(tier: string): number | null {
  return tierLimits(tier).parallelAgents;
}

/**
 * Tells a user's parallel-agent line (the `agentSlots` workflow) the limit of their new tier, so
 * it applies at once: after an upgrade, agents waiting in line start now. Nothing to do when the
 * line is not running (the next task to ask starts it with the current limit).
 *
 * @throws what the Temporal client throws, but not WorkflowNotFoundError.
 */
export async function applyTierToLine(client: Client, userId: string, tier: string): Promise<void> {
  try {
    await client.workflow.getHandle(agentSlotsWorkflowId(userId)).signal(setSlotLimitSignal, { limit: parallelAgentsOf(tier) });
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
