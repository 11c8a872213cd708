import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowStartOptions } from '@temporalio/client';

/**
 * Starts a workflow whose ID is the resource's ID. A repeated call (a retried request, the same
 * Idempotency-Key) attaches to the running workflow and never reruns a finished one.
 */
export async function startOnce(client: Client, workflowType: string, options: Omit<WorkflowStartOptions, 'workflowIdConflictPolicy' | 'workflowIdReusePolicy'>): Promise<void> {
  try {
    await client.workflow.start(workflowType, { ...options, workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' } as WorkflowStartOptions);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Polls `read` (50 ms, doubling to 500 ms) until it returns a value or `timeoutMs` passes. */
export async function pollUntil<T>(read: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; Date.now() < deadline; delay = Math.min(delay * 2, 500)) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, delay));
  }
  return undefined;
}
