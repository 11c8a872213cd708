import { defineQuery, defineSignal } from '@temporalio/workflow';

/**
 * Per-user parallel-agent slots (API.md tiers: free 1, pro 10, team 50). One long-lived
 * `agentSlots` workflow per user holds the count; every agent task, alone or in an
 * orchestration, asks it for a slot and gives the slot back when it ends. Durable across
 * workers and API instances because it is a workflow, not an in-process lock.
 */
export const agentSlotsWorkflowId = (userId: string) => `agent-slots-${userId}`;

export interface SlotRequest {
  /** The agentTask workflow asking (granted/queue position signals go to it). */
  workflowId: string;
  /** The user's limit at the time of asking (the tier can change); null = unlimited. */
  limit: number | null;
}

/** A task asks for a slot; the answer comes as `slotGrantedSignal`, meanwhile `slotQueuePositionSignal`s. */
export const acquireSlotSignal = defineSignal<[SlotRequest]>('acquireSlot');
/** A task gives its slot back, or leaves the line (idempotent). */
export const releaseSlotSignal = defineSignal<[{ workflowId: string }]>('releaseSlot');

/** Sent to a waiting task: it may start now. */
export const slotGrantedSignal = defineSignal('slotGranted');
/** Sent to a waiting task when its place in line changes (1 = next). */
export const slotQueuePositionSignal = defineSignal<[{ position: number; limit: number }]>('slotQueuePosition');

export interface AgentSlotsState {
  userId: string;
  limit: number | null;
  holders: string[];
  waiting: string[];
}

export const agentSlotsStateQuery = defineQuery<AgentSlotsState>('state');
