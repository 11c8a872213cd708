// Workflows for strategy unit tests: the real `orchestration` workflow, and a stand-in
// `agentTask` child that finishes at once (the activities it would call are mocked per test).
export { orchestration } from '../../workflows/orchestration.workflow';

export async function agentTask(): Promise<void> {
  // The stand-in agent does nothing: the mocked `agentOutcome` activity says how it ended.
}
