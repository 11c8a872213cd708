// Status sets shared by the workflows, the database schema and the API. Plain constants, no
// imports: safe in workflow code and anywhere else.

export const TaskStatus = {
  queued: 'queued',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
  timed_out: 'timed_out',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];
export const FINAL_TASK_STATUSES: readonly TaskStatus[] = ['completed', 'failed', 'cancelled', 'timed_out'];

export const OrchestrationStatus = {
  in_progress: 'in_progress',
  awaiting_approval: 'awaiting_approval',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type OrchestrationStatus = (typeof OrchestrationStatus)[keyof typeof OrchestrationStatus];
export const FINAL_ORCHESTRATION_STATUSES: readonly OrchestrationStatus[] = ['completed', 'failed', 'cancelled'];
