// Every workflow the workers run. Workflow code is deterministic: it imports only
// @temporalio/workflow and our own workflow-safe modules (lint enforces it).
export { agentTask } from './agent-task.workflow';
export { agentSlots } from './agent-slots.workflow';
export { orchestration } from './orchestration.workflow';
export { projectionReconciler } from './projection-reconciler.workflow';
export { visualization } from './visualization.workflow';
