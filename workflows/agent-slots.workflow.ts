import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { SlotActivities } from '../activities/slot.activities';
import { BOOKKEEPING_ACTIVITY } from './activity-options';
import {
  acquireSlotSignal,
  agentSlotsStateQuery,
  releaseSlotSignal,
  setSlotLimitSignal,
  slotGrantedSignal,
  slotQueuePositionSignal,
  type AgentSlotsState,
  type SlotRequest,
} from './agent-slots.definitions';
import { agentSlotsV1 } from './legacy/agent-slots-v1';

const { closedWorkflows } = proxyActivities<SlotActivities>({ ...BOOKKEEPING_ACTIVITY, summary: 'Check which slot holders have ended' });

/** How often slot holders are checked while others wait: a holder that ended without giving its slot back frees it. */
const AUDIT_INTERVAL_MS = 60_000;
/** With nothing held or waiting for this long, the workflow ends (the next request starts it again). */
const IDLE_MS = 10 * 60_000;
const DEFAULT_MAX_HISTORY_EVENTS = 10_000;

/**
 * The parallel-agent line of one user (see agent-slots.definitions.ts). Grants in order of
 * asking; a slot whose holder is gone (cancelled, failed, timed out, terminated) is freed, never
 * leaked.
 *
 * Every request and release is handled at once, in its signal handler: a release grants the
 * next slot in the same workflow task. A task is told its place once, on joining, with its
 * ticket (the API counts the tickets ahead for a live place), so a hand-off costs one signal
 * however long the line, and the workflow continues as new with its state whenever Temporal
 * suggests it or its history reaches `maxHistoryEvents`, waiting tasks included.
 */
export async function agentSlots(state: AgentSlotsState): Promise<void> {
  // Runs started before this version replay the code they started with.
  if (!patched('agent-line-v2')) return agentSlotsV1(state);

  const holders = new Set(state.holders);
  const waiting: string[] = [...state.waiting];
  const tickets: number[] = state.tickets && state.tickets.length === waiting.length ? [...state.tickets] : waiting.map((_, i) => i + 1);
  const inLine = new Set(waiting);
  let nextTicket = state.nextTicket ?? tickets.length + 1;
  let limit = state.limit;
  const maxHistoryEvents = state.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  /** Signals sent whose delivery is not confirmed yet: continuing as new waits for them. */
  let inFlight = 0;
  /**
   * Set once the run is to continue as new: from then on it sends nothing, and what it owes
   * (grants, places in line) goes to the next run, so the history stops growing at once.
   */
  let draining = false;
  const owedGrants: string[] = [];
  const owedPositions: [string, number, number][] = [];

  const fits = () => limit === null || holders.size < limit;

  const send = (deliver: () => Promise<void>, onGone: () => void) => {
    inFlight += 1;
    deliver()
      .catch(onGone)
      .finally(() => {
        inFlight -= 1;
      });
  };

  const tellPosition = (workflowId: string, position: number, ticket: number) => {
    if (draining) {
      owedPositions.push([workflowId, position, ticket]);
      return;
    }
    send(
      () => getExternalWorkflowHandle(workflowId).signal(slotQueuePositionSignal, { position, limit: limit ?? 0, ticket }),
      // The task is gone (e.g. terminated while it waited): it leaves the line.
      () => leaveLine(workflowId),
    );
  };

  const grant = (workflowId: string) => {
    holders.add(workflowId);
    if (draining) {
      owedGrants.push(workflowId);
      return;
    }
    send(
      () => getExternalWorkflowHandle(workflowId).signal(slotGrantedSignal),
      // The requester is gone: the slot is free again.
      () => {
        holders.delete(workflowId);
        grantWhatFits();
      },
    );
  };

  const grantWhatFits = () => {
    while (waiting.length > 0 && fits()) {
      const next = waiting.shift()!;
      tickets.shift();
      inLine.delete(next);
      grant(next);
    }
  };

  const leaveLine = (workflowId: string) => {
    if (!inLine.delete(workflowId)) return;
    const i = waiting.indexOf(workflowId);
    waiting.splice(i, 1);
    tickets.splice(i, 1);
    grantWhatFits();
  };

  setHandler(agentSlotsStateQuery, () => ({ userId: state.userId, limit, holders: [...holders], waiting: [...waiting] }));
  setHandler(acquireSlotSignal, (request: SlotRequest) => {
    limit = request.limit;
    const id = request.workflowId;
    // Asked again by a task that holds the slot or waits already: a retried request, or a new
    // run of the same workflow (a reset, a start by an operator) whose old run never gave the
    // slot back. Answering again is harmless to the first and what the second needs.
    if (holders.has(id)) {
      grant(id);
      return;
    }
    if (inLine.has(id)) {
      const i = waiting.indexOf(id);
      tellPosition(id, i + 1, tickets[i]!);
      return;
    }
    if (waiting.length === 0 && fits()) {
      grant(id);
      return;
    }
    const ticket = nextTicket++;
    waiting.push(id);
    tickets.push(ticket);
    inLine.add(id);
    tellPosition(id, waiting.length, ticket);
    // A raised limit (a tier upgrade) may free slots for those waiting.
    grantWhatFits();
  });
  setHandler(setSlotLimitSignal, (update) => {
    limit = update.limit;
    grantWhatFits();
  });
  setHandler(releaseSlotSignal, ({ workflowId }) => {
    if (holders.delete(workflowId)) grantWhatFits();
    else leaveLine(workflowId);
  });

  const historyIsLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= maxHistoryEvents;
  const idle = () => holders.size === 0 && waiting.length === 0;

  // What the previous run owed when it continued as new.
  for (const id of state.owedGrants ?? []) {
    holders.delete(id);
    grant(id);
  }
  for (const [id, position, ticket] of state.owedPositions ?? []) if (inLine.has(id)) tellPosition(id, position, ticket);
  grantWhatFits();
  for (;;) {
    const wasIdle = idle();
    // Wakes to continue as new, or to arm the other timer when the line fills or empties.
    const woke = await condition(() => historyIsLong() || idle() !== wasIdle, wasIdle ? IDLE_MS : AUDIT_INTERVAL_MS);
    if (woke && !historyIsLong()) continue;
    if (woke) {
      // Nothing more is sent; deliveries in flight finish first (a task found gone then leaves
      // the line here, not in the next run), and what is owed goes with the state.
      draining = true;
      await condition(() => inFlight === 0);
      await condition(allHandlersFinished);
      await continueAsNew<typeof agentSlots>({
        userId: state.userId,
        limit,
        holders: [...holders],
        waiting,
        tickets,
        nextTicket,
        maxHistoryEvents,
        owedGrants,
        owedPositions: owedPositions.filter(([id]) => inLine.has(id)),
      });
    }
    if (idle()) {
      await condition(allHandlersFinished);
      if (idle()) return;
      continue;
    }
    if (waiting.length > 0 && holders.size > 0) {
      // Holders that ended without releasing (e.g. terminated by an operator) give their slots back.
      for (const gone of await closedWorkflows([...holders])) holders.delete(gone);
      grantWhatFits();
    }
  }
}
