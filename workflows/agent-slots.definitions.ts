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

/**
 * The user's limit changed (a new tier): the line applies it at once, so an upgrade lets agents
 * waiting in line start without waiting for a running one to end. null = unlimited.
 */
export const setSlotLimitSignal = defineSignal<[{ limit: number | null }]>('setLimit');

/** Sent to a waiting task: it may start now. */
export const slotGrantedSignal = defineSignal('slotGranted');

/** A waiting task's place in line, as the line tells it. */
export interface SlotQueuePosition {
  /** 1 = next. */
  position: number;
  /** The user's limit (agents at once). */
  limit: number;
  /** Its ticket: tickets are given in order of asking, so the tasks ahead are those with smaller ones. */
  ticket?: number;
}

/**
 * Sent to a task when it joins the line: its place then, and its ticket. One signal per task
 * whatever the line's length, so a hand-off costs the same with 5 or 500 waiting; the API counts
 * the tasks ahead (smaller tickets) for a live `queue_position`. (Runs of the first version sent
 * it to every waiting task whenever the line moved.)
 */
export const slotQueuePositionSignal = defineSignal<[SlotQueuePosition]>('slotQueuePosition');

/** The line's state, carried from run to run when it continues as new. */
export interface AgentSlotsState {
  userId: string;
  limit: number | null;
  holders: string[];
  /** Waiting tasks in order (the first is next). */
  waiting: string[];
  /** The ticket of each waiting task, in the same order. Absent in runs of the first version. */
  tickets?: number[];
  /** The next ticket to give. */
  nextTicket?: number;
  /**
   * Tasks owed a message when the previous run continued as new (it stops sending while it
   * drains, so its history ends): grants, and places in line (`[workflowId, position, ticket]`).
   */
  owedGrants?: string[];
  owedPositions?: [string, number, number][];
  /**
   * Continue as new once the history has this many events (or earlier, when Temporal suggests
   * it), so the history stays short however long the line. Default 10,000 (Temporal's hard
   * limit is 51,200: https://docs.temporal.io/workflow-execution/limits).
   */
  maxHistoryEvents?: number;
}

export const agentSlotsStateQuery = defineQuery<AgentSlotsState>('state');
