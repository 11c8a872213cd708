import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowHandle, type WorkflowStartOptions } from '@temporalio/client';

/**
 * Starts a workflow whose ID is the resource's ID. A repeated call (a retried request, the same
 * Idempotency-Key, the reconciler racing a slow API) attaches to the running workflow and never
 * reruns a finished one.
 *
 * @returns true when this call started the run, false when a run with this ID already existed
 *   (the server's conflict policy FAIL and reuse policy REJECT_DUPLICATE say which, atomically).
 * @throws what the client throws for anything but an existing run.
 */
export async function startOnce(client: Client, workflowType: string, options: Omit<WorkflowStartOptions, 'workflowIdConflictPolicy' | 'workflowIdReusePolicy'>): Promise<boolean> {
  try {
    await client.workflow.start(workflowType, { ...options, workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE' } as WorkflowStartOptions);
    return true;
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw err;
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

/**
 * Whether a resource's workflow is running (or paused), before a cancel: a workflow that was
 * never started (the API stopped between storing the row and starting it) is started first by
 * `startMissing`, so the cancel has a run to stop. False when it has closed (an operator's
 * terminate): the caller records how, and says so.
 * @throws what `describe` throws for anything but a workflow that does not exist
 */
export async function runningForCancel(handle: WorkflowHandle, startMissing: () => Promise<unknown>): Promise<boolean> {
  try {
    const status = (await handle.describe()).status.name;
    return status === 'RUNNING' || status === 'PAUSED';
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    await startMissing();
    return true;
  }
}
