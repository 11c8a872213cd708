import type { AgentDefinition } from './agent-runner';
import { codeExpertAgent } from './code-expert.agent';
import { generalAgent } from './general.agent';
import { securityExpertAgent } from './security-expert.agent';
import { testGenAgent } from './test-gen.agent';

/** The built-in agents by `agent_type`. */
const AGENTS: ReadonlyMap<string, AgentDefinition> = new Map(
  [generalAgent, codeExpertAgent, testGenAgent, securityExpertAgent].map((a) => [a.type, a]),
);

export function getAgent(type: string): AgentDefinition | undefined {
  return AGENTS.get(type);
}

/** Every built-in agent type with a one-line description, the default (`general`) first. */
export function listAgentTypes(): { type: string; description: string }[] {
  return [...AGENTS.values()].map((a) => ({ type: a.type, description: a.description }));
}
