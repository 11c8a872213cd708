// Who else polls our task queues on a Temporal server: two deployments sharing a namespace and a
// queue prefix take each other's workflow and activity tasks, and each writes the other's work
// into its own database. `npm start` refuses to join such a queue.

/** How recently a poller must have polled to count (a long poll lasts up to a minute). */
export const RECENT_POLL_MS = 90_000;

/** The Temporal identity prefix of a deployment's workers (set from CODEX_STACK_ID). */
export const stackIdentityPrefix = (stackId) => `codex-stack-${stackId}`;

/**
 * Pollers of `taskQueues` (workflow and activity tasks) that polled within RECENT_POLL_MS and
 * whose identity is not this deployment's (`stackId`).
 * @returns {Promise<{ taskQueue: string, identity: string, secondsAgo: number }[]>}
 */
export async function foreignPollers({ address, namespace, taskQueues, stackId, tls, apiKey }) {
  const { Connection } = await import('@temporalio/client');
  const connection = await Connection.connect({ address, ...(tls ? { tls: true } : {}), ...(apiKey ? { apiKey } : {}) });
  try {
    const found = [];
    for (const name of taskQueues) {
      for (const taskQueueType of [1, 2]) {
        // 1: workflow tasks, 2: activity tasks (temporal.api.enums.v1.TaskQueueType).
        const answer = await connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name, kind: 1 }, taskQueueType });
        for (const poller of answer.pollers ?? []) {
          const last = poller.lastAccessTime ? Number(poller.lastAccessTime.seconds ?? 0) * 1000 + Math.floor((poller.lastAccessTime.nanos ?? 0) / 1e6) : 0;
          const secondsAgo = Math.max(0, Math.round((Date.now() - last) / 1000));
          const identity = poller.identity ?? '';
          if (Date.now() - last <= RECENT_POLL_MS && !identity.startsWith(stackIdentityPrefix(stackId))) {
            if (!found.some((f) => f.taskQueue === name && f.identity === identity)) found.push({ taskQueue: name, identity, secondsAgo });
          }
        }
      }
    }
    return found;
  } finally {
    await connection.close();
  }
}
