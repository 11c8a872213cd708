import type { AgentDefinition } from './agent-runner';

/**
 * The agent of a custom agent of type `model`: no static analysis, the task and files go to the
 * configured model with the custom agent's instructions as its system prompt. Not a built-in
 * agent type (it has no instructions of its own): it runs only as a custom agent.
 */
export const modelAgent: AgentDefinition = {
  type: 'model',
  description: 'Driven by its instructions alone: the task and files go to the configured model, which answers.',
  systemPrompt: 'You are a senior software engineer. Answer the task about the given code directly and concretely, citing files and lines.',
  needsModel: true,
  async analyse(work) {
    const n = work.files.length;
    return { summary: `Answered by the model from the agent's instructions (${n} file${n === 1 ? '' : 's'} given)`, findings: [] };
  },
};
