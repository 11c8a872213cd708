import { readFile } from 'node:fs/promises';
import type { CreateAgentRequest, UpdateAgentRequest } from '@codex-cloud/sdk';
import { InvalidArgumentError, type Command } from 'commander';
import { UsageError, wholeNumber, type CommandContext } from '../program.js';

interface DefinitionOptions {
  name?: string;
  type?: string;
  description?: string;
  instructions?: string;
  instructionsFile?: string;
  model?: string;
  temperature?: number;
  public?: boolean;
}

async function definition(opts: DefinitionOptions): Promise<UpdateAgentRequest> {
  const instructions = opts.instructionsFile ? await readFile(opts.instructionsFile, 'utf8') : opts.instructions;
  return {
    ...(opts.name !== undefined ? { name: opts.name } : {}),
    ...(opts.type !== undefined ? { type: opts.type } : {}),
    ...(opts.description !== undefined ? { description: opts.description } : {}),
    ...(instructions !== undefined ? { instructions } : {}),
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.temperature !== undefined ? { temperature: opts.temperature } : {}),
    ...(opts.public !== undefined ? { visibility: opts.public ? 'public' : 'private' } : {}),
  } as UpdateAgentRequest;
}

const definitionOptions = (command: Command) =>
  command
    .option('--description <text>')
    .option('--instructions <text>', 'the system prompt')
    .option('--instructions-file <file>', 'the system prompt, from a file')
    .option('--model <name>')
    .option('--temperature <t>', '0 to 2', (v) => {
      const t = Number(v);
      if (v.trim() === '' || !Number.isFinite(t) || t < 0 || t > 2) throw new InvalidArgumentError('must be a number from 0 to 2');
      return t;
    });

export function registerAgentCommands(program: Command, ctx: CommandContext): void {
  const agents = program
    .command('agents')
    .description('Built-in agent types, your custom agents, and the public catalogue')
    .addHelpText('after', '\nExamples:\n  $ codex agents ls --public\n  $ codex agents create --name strict-reviewer --type security_expert\n');
  agents
    .command('ls')
    .description('The built-in types and your agents; --public lists every user’s public agents')
    .option('--public', 'the public catalogue')
    .addHelpText('after', '\nExample:\n  $ codex agents ls --public\n')
    .action(async (opts: { public?: boolean }) => {
      const { out, codex } = await ctx.session();
      const list = await codex.agents.list({ limit: 100, ...(opts.public ? { visibility: 'public' as const } : {}) });
      if (out.json) return out.data(list);
      for (const a of list.agents) {
        out.print(a.kind === 'built_in' ? `${a.id.padEnd(24)} built-in  ${a.description}` : `${a.id}  v${a.version}  ${a.name} (${a.type}, ${a.visibility}${a.owner.is_caller ? '' : `, by ${a.owner.display_name}`})  ${a.description}`);
      }
    });

  definitionOptions(
    agents
      .command('create')
      .description('Define an agent (version 1)')
      .requiredOption('--name <name>')
      .requiredOption('--type <type>', 'the built-in behaviour it builds on, or model')
      .option('--public', 'list it in the public catalogue'),
  )
    .addHelpText('after', '\nExample:\n  $ codex agents create --name strict-reviewer --type security_expert --instructions "Flag every raw SQL string"\n')
    .action(async (opts: DefinitionOptions) => {
      const { out, codex } = await ctx.session();
      const agent = await codex.agents.create((await definition(opts)) as CreateAgentRequest);
      if (out.json) return out.data(agent);
      out.print(`${agent.id} ${agent.name} v${agent.version} (${agent.visibility})`);
    });

  definitionOptions(
    agents
      .command('edit')
      .description('Change an agent: a new version')
      .argument('<agent_id>')
      .option('--name <name>')
      .option('--if-match <version>', 'refuse the edit unless the agent is still at this version', wholeNumber(1)),
  )
    .addHelpText('after', '\nExample:\n  $ codex agents edit agent_… --description "Stricter" --if-match 2\n')
    .action(async (id: string, opts: DefinitionOptions & { ifMatch?: number }) => {
      const change = await definition(opts);
      if (Object.keys(change).length === 0) throw new UsageError('Nothing to change: give --name, --description, --instructions, --model or --temperature (see --help)');
      const { out, codex } = await ctx.session();
      const agent = await codex.agents.update(id, change, opts.ifMatch ? { ifMatch: opts.ifMatch } : {});
      if (out.json) return out.data(agent);
      out.print(`${agent.id} ${agent.name} v${agent.version}`);
    });

  agents
    .command('publish')
    .description('List an agent in the public catalogue (--unpublish takes it out)')
    .argument('<agent_id>')
    .option('--unpublish', 'make it private again')
    .addHelpText('after', '\nExample:\n  $ codex agents publish agent_…\n')
    .action(async (id: string, opts: { unpublish?: boolean }) => {
      const { out, codex } = await ctx.session();
      const agent = await codex.agents.update(id, { visibility: opts.unpublish ? 'private' : 'public' });
      if (out.json) return out.data(agent);
      out.print(`${agent.id} ${agent.name} v${agent.version} is ${agent.visibility}`);
    });
}
