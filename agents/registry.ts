import type { AgentDefinition } from './agent-runner';
import { codeExpertAgent } from './code-expert.agent';
import { generalAgent } from './general.agent';
import { modelAgent } from './model.agent';
import { securityExpertAgent } from './security-expert.agent';
import { testGenAgent } from './test-gen.agent';

/** The built-in agents by `agent_type`. */
const AGENTS: ReadonlyMap<string, AgentDefinition> = new Map(
  [generalAgent, codeExpertAgent, testGenAgent, securityExpertAgent].map((a) => [a.type, a]),
);

/**
 * The agent of `type`: a built-in one, or `model` (custom agents driven by their instructions
 * alone; not listed among the built-ins, since it has no instructions of its own).
 */
export function getAgent(type: string): AgentDefinition | undefined {
  return type === modelAgent.type ? modelAgent : AGENTS.get(type);
}

/** Every built-in agent type with a one-line description, the default (`general`) first. */
export function listAgentTypes(): { type: string; description: string }[] {
  return [...AGENTS.values()].map((a) => ({ type: a.type, description: a.description }));
}
