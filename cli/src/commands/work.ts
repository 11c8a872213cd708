import { writeFile } from 'node:fs/promises';
import { isNotFoundError, type CodexCloud, type OrchestrateRequest, type StreamMessage, type Task } from '@codex-cloud/sdk';
import type { Command } from 'commander';
import { collectFiles } from '../inputs.js';
import { watchInterrupt } from '../interrupt.js';
import type { Output } from '../output.js';
import { ProgressView } from '../progress.js';
import { renderOrchestration, renderTask } from '../render.js';
import { UsageError, wholeNumber, type CommandContext } from '../program.js';

/** Exit code of a run that ended otherwise than `completed`. */
export const EXIT_NOT_COMPLETED = 1;
/** Exit code after Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** Follows a stream to its end with bars, honouring Ctrl-C; answers false when the user stopped following. */
async function follow(
  out: Output,
  what: string,
  messages: (signal: AbortSignal) => AsyncIterable<StreamMessage>,
  show: (view: ProgressView, m: StreamMessage) => Promise<void> | void,
  cancel: () => Promise<{ status: string }>,
  followAgain: string,
): Promise<boolean> {
  const view = new ProgressView(out);
  const controller = new AbortController();
  const interrupt = watchInterrupt(out, what, () => {
    view.stop();
    controller.abort();
  });
  try {
    for await (const m of messages(controller.signal)) await show(view, m);
    view.stop();
    return true;
  } catch (err) {
    view.stop();
    const decision = interrupt.decision();
    if (!decision) throw err;
    if ((await decision) === 'cancel') {
      // The answer says what happened: cancelled, or still stopping (202 cancelling).
      const answer = await cancel();
      out.warn(answer.status === 'cancelled' ? `Cancelled ${what}.` : `Cancelling ${what}: the server is stopping it (${answer.status}).`);
    } else {
      out.warn(`Detached: ${what} goes on. Follow it again with \`${followAgain}\`.`);
    }
    return false;
  } finally {
    interrupt.dispose();
  }
}

export function registerWorkCommands(program: Command, ctx: CommandContext): void {
  program
    .command('run')
    .description('Run an agent on a task and follow it live; exits 0 when it completed')
    .argument('<agent>', 'a built-in agent type (security_expert, test_gen, code_expert, general) or one of your agents (name or agent_… ID)')
    .argument('<task>', 'what to do')
    .argument('[files...]', 'files, folders or globs to send as context.files')
    .option('--repo <url>', 'a git repository to check out for the agent (context.repository)')
    .option('--branch <name>', 'its branch (default: the repository’s default)')
    .option('--patch <file>', 'write the patch the agent left to this file')
    .option('--time-limit <seconds>', 'the task’s time limit', wholeNumber(1))
    .addHelpText('after', '\nExamples:\n  $ codex run security_expert "Review" src/\n  $ codex run test_gen "Write tests" --repo https://github.com/org/repo --patch tests.diff\n')
    .action(async (agent: string, taskText: string, paths: string[], opts: { repo?: string; branch?: string; patch?: string; timeLimit?: number }) => {
      const { out, codex } = await ctx.session();
      const { files, skipped } = paths.length ? await collectFiles(paths) : { files: [], skipped: [] };
      if (skipped.length) out.warn(`Left out (binary or over 1 MiB): ${skipped.join(', ')}`);
      const context = { ...(files.length ? { files } : {}), ...(opts.repo ? { repository: opts.repo } : {}), ...(opts.branch ? { branch: opts.branch } : {}) };
      const started = await codex.tasks.execute({ task: taskText, agent_type: agent, context, ...(opts.timeLimit ? { time_limit_seconds: opts.timeLimit } : {}) });
      out.info(`${started.task_id} queued (${agent}${files.length ? `, ${files.length} file${files.length === 1 ? '' : 's'}` : ''}${opts.repo ? `, ${opts.repo}` : ''})`);
      const followed = await follow(
        out,
        `task ${started.task_id}`,
        (signal) => codex.tasks.stream(started.task_id, { signal }),
        (view, m) => view.update(started.task_id, agent, m),
        () => codex.tasks.cancel(started.task_id),
        `codex tasks logs ${started.task_id} -f`,
      );
      const task = await codex.tasks.get(started.task_id);
      if (!followed) return void (process.exitCode = EXIT_INTERRUPTED);
      await finishTask(codex, task, out, opts.patch);
    });

  program
    .command('orchestrate')
    .description('Run several agents on a goal with a strategy, one live bar per agent')
    .requiredOption('-s, --strategy <name>', 'parallel, sequential, review_loop, map_reduce, best_of_n, panel_review')
    .argument('<agents_and_goal...>', 'the agents, then the goal last')
    .option('--repo <url>', 'a git repository to check out for the agents')
    .option('--branch <name>', 'its branch')
    .option('--files <paths...>', 'files, folders or globs to send as context.files')
    .addHelpText('after', '\nExample:\n  $ codex orchestrate --strategy sequential code_expert test_gen security_expert "Harden the login flow" --files src/auth\n')
    .action(async (words: string[], opts: { strategy: string; repo?: string; branch?: string; files?: string[] }) => {
      if (words.length < 2) throw new UsageError('Name at least one agent and then the goal: codex orchestrate -s parallel test_gen "Write tests"');
      const { out, codex } = await ctx.session();
      const goal = words[words.length - 1]!;
      const agents = words.slice(0, -1);
      const { files } = opts.files ? await collectFiles(opts.files) : { files: [] };
      const context = { ...(files.length ? { files } : {}), ...(opts.repo ? { repository: opts.repo } : {}), ...(opts.branch ? { branch: opts.branch } : {}) };
      const started = await codex.orchestrations.create({ goal, strategy: opts.strategy, agents, context } as OrchestrateRequest);
      out.info(`${started.orchestration_id} started (${opts.strategy}: ${agents.join(', ')})`);
      const labels = new Map<string, string>();
      const labelOf = async (taskId: string) => {
        if (!labels.has(taskId)) {
          const o = await codex.orchestrations.get(started.orchestration_id);
          for (const a of o.agents) labels.set(a.task_id, a.agent_type);
        }
        return labels.get(taskId) ?? taskId;
      };
      const followed = await follow(
        out,
        `orchestration ${started.orchestration_id}`,
        (signal) => codex.orchestrations.stream(started.orchestration_id, { signal }),
        async (view, m) => view.update(m.task_id ?? started.orchestration_id, m.task_id ? await labelOf(m.task_id) : opts.strategy, m),
        () => codex.orchestrations.cancel(started.orchestration_id),
        `codex tasks ls`,
      );
      const done = await codex.orchestrations.get(started.orchestration_id);
      if (!followed) return void (process.exitCode = EXIT_INTERRUPTED);
      if (out.json) out.data(done);
      else out.print(renderOrchestration(done, out));
      if (done.status !== 'completed') process.exitCode = EXIT_NOT_COMPLETED;
    });

  const tasks = program
    .command('tasks')
    .description('Your tasks: list, show, cancel, follow')
    .addHelpText('after', '\nExamples:\n  $ codex tasks ls --status running\n  $ codex tasks logs task_1ABC2DEF3GHI4JKL -f\n');
  tasks
    .command('ls')
    .description('Your newest tasks')
    .option('--status <status>', 'queued, running, completed, failed, cancelled, timed_out')
    .option('--limit <n>', 'how many', wholeNumber(1), 20)
    .addHelpText('after', '\nExample:\n  $ codex tasks ls --status running\n')
    .action(async (opts: { status?: Task['status']; limit: number }) => {
      const { out, codex } = await ctx.session();
      const page = await codex.tasks.list({ limit: opts.limit, ...(opts.status ? { status: opts.status } : {}) });
      if (out.json) return out.data(page);
      for (const t of page.tasks) out.print(`${t.task_id}  ${t.status.padEnd(9)}  ${t.agent?.name ?? t.agent_type}  ${t.created_at}  ${t.task.replace(/\s+/g, ' ').slice(0, 60)}`);
    });
  tasks
    .command('get')
    .description('A task: its result for a person, or --json')
    .argument('<task_id>')
    .option('--patch <file>', 'write its patch to this file')
    .addHelpText('after', '\nExample:\n  $ codex tasks get task_1ABC2DEF3GHI4JKL --patch changes.diff\n')
    .action(async (id: string, opts: { patch?: string }) => {
      const { out, codex } = await ctx.session();
      await finishTask(codex, await codex.tasks.get(id), out, opts.patch);
    });
  tasks
    .command('cancel')
    .description('Cancel a queued or running task')
    .argument('<task_id>')
    .addHelpText('after', '\nExample:\n  $ codex tasks cancel task_1ABC2DEF3GHI4JKL\n')
    .action(async (id: string) => {
      const { out, codex } = await ctx.session();
      const answer = await codex.tasks.cancel(id);
      if (out.json) return out.data(answer);
      out.print(`${id} ${answer.status}`);
    });
  tasks
    .command('logs')
    .description('A task’s messages; -f follows it to its end')
    .argument('<task_id>')
    .option('-f, --follow', 'keep following until the task ends')
    .addHelpText('after', '\nExample:\n  $ codex tasks logs task_1ABC2DEF3GHI4JKL -f\n')
    .action(async (id: string, opts: { follow?: boolean }) => {
      const { out, codex } = await ctx.session();
      const controller = new AbortController();
      // Without -f: what the stream holds now (a second with nothing new ends it).
      let idle: NodeJS.Timeout | undefined;
      const quiet = () => {
        if (opts.follow) return;
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(), 1000);
      };
      quiet();
      try {
        for await (const m of codex.tasks.stream(id, { signal: controller.signal })) {
          quiet();
          if (out.json) out.print(JSON.stringify(m));
          else out.print(`${String(m.seq).padStart(4)} ${m.timestamp} ${m.type.padEnd(8)} ${m.progress ?? ''} ${m.message ?? m.error?.message ?? m.status ?? ''}`.trimEnd());
        }
      } catch (err) {
        if (!controller.signal.aborted) throw err;
      } finally {
        clearTimeout(idle);
      }
    });
}

/** Prints a finished task (JSON or for a person), writes its patch, and sets the exit code. */
async function finishTask(codex: CodexCloud, task: Task, out: Output, patchFile: string | undefined): Promise<void> {
  if (out.json) out.data(task);
  else out.print(renderTask(task, out, { patchWritten: Boolean(patchFile) }));
  if (patchFile) {
    try {
      const patch = await codex.tasks.patch(task.task_id);
      await writeFile(patchFile, patch);
      out.info(`patch written to ${patchFile} (${patch.length} bytes; git apply ${patchFile})`);
    } catch (err) {
      if (!isNotFoundError(err)) throw err;
      out.warn(`${task.task_id} left no patch: nothing written to ${patchFile}`);
      process.exitCode = EXIT_NOT_COMPLETED; // what was asked for could not be done
    }
  }
  if (task.status !== 'completed') process.exitCode = EXIT_NOT_COMPLETED;
}
