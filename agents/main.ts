/**
 * The built-in agents' program, launched by an executor as a child process or container:
 *   node dist/agents/main.js --spec spec.json        (after `npm run build`)
 *   npx tsx agents/main.ts --spec spec.json          (development)
 * It speaks the agent protocol (see protocol.ts): JSON lines on stdout, logs on stderr.
 */
import pino from 'pino';
import { createLogger } from '../lib/logger';
import { AgentRunner, InvalidSpecError } from './agent-runner';
import { LlmError, llmConfigFromEnv, type LlmConfig } from './llm-client';
import { AGENT_EXIT_CODES, AGENT_LIFELINE_ENV, AGENT_LIFELINE_STDIN, type AgentSpec, type CancelledLine, type FinalLine, type ProgressLine } from './protocol';
import { getAgent, listAgentTypes } from './registry';
import { parseSpec, readSpecText, specFilePath } from './spec-input';

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);
const log = createLogger({
  level: LOG_LEVELS.has(process.env.LOG_LEVEL ?? '') ? (process.env.LOG_LEVEL ?? 'info') : 'info',
  name: 'agent',
  destination: pino.destination({ fd: 2, sync: true }),
});

/** Writes protocol lines to stdout and guarantees exactly one final line, then the exit. */
class ProtocolWriter {
  private finished = false;

  progress(line: ProgressLine): void {
    if (!this.finished) process.stdout.write(`${JSON.stringify(line)}\n`);
  }

  finish(line: FinalLine, exitCode: number): void {
    if (this.finished) return;
    this.finished = true;
    // Exit once the line is flushed: a pipe's buffer must not be lost, nor may idle sockets keep us alive.
    process.stdout.write(`${JSON.stringify(line)}\n`, () => process.exit(exitCode));
  }
}

const writer = new ProtocolWriter();
const controller = new AbortController();
let runner: AgentRunner | undefined;

function onSignal(signal: NodeJS.Signals, exitCode: number): void {
  process.once(signal, () => {
    log.info({ signal }, 'stopping: flushing the partial result');
    controller.abort();
    const message = `Stopped by ${signal}`;
    const line: CancelledLine = runner?.cancelledLine(message) ?? {
      type: 'error',
      code: 'CANCELLED',
      message,
      partial_result: { summary: 'Cancelled before the analysis started', findings: [] },
    };
    writer.finish(line, exitCode);
  });
}
onSignal('SIGTERM', AGENT_EXIT_CODES.cancelled);
onSignal('SIGINT', 130);

/** With a lifeline (protocol.ts), the launcher's death ends this run at once. */
function holdLifeline(): void {
  if (process.env[AGENT_LIFELINE_ENV] !== AGENT_LIFELINE_STDIN) return;
  // A spec piped to stdin has already ended it: that stdin is no lifeline.
  if (!specFilePath({ argv: process.argv.slice(2), env: process.env })) return;
  const launcherGone = () => {
    log.warn('the launcher is gone (stdin closed): stopping');
    process.exit(AGENT_EXIT_CODES.error);
  };
  process.stdin.on('data', () => undefined);
  process.stdin.once('end', launcherGone);
  process.stdin.once('error', launcherGone);
}

function fail(code: 'INVALID_SPEC' | 'LLM_ERROR' | 'AGENT_ERROR', message: string, retryable: boolean): void {
  log.error({ code }, message);
  writer.finish({ type: 'error', code, message, retryable }, AGENT_EXIT_CODES.error);
}

async function main(): Promise<void> {
  const started = Date.now();
  let spec: AgentSpec;
  try {
    spec = parseSpec(await readSpecText({ argv: process.argv.slice(2), env: process.env, stdin: process.stdin }));
    holdLifeline();
  } catch (err) {
    if (err instanceof InvalidSpecError) return fail('INVALID_SPEC', err.message, false);
    throw err;
  }
  const agent = getAgent(spec.agent_type);
  if (!agent) {
    const known = listAgentTypes().map((a) => a.type).join(', ');
    return fail('INVALID_SPEC', `Unknown agent_type "${spec.agent_type}": built-in agents are ${known}`, false);
  }
  let llm: LlmConfig | undefined;
  try {
    llm = llmConfigFromEnv(process.env, spec);
  } catch (err) {
    if (err instanceof LlmError) return fail('LLM_ERROR', err.message, false);
    throw err;
  }
  const taskLog = log.child({ task_id: spec.task_id, agent_type: spec.agent_type });
  // The model and endpoint only: the config also holds the API key.
  taskLog.info({ files: spec.context?.files?.length ?? 0, model: llm?.model, endpoint: llm && new URL(llm.baseUrl).host }, 'agent started');
  runner = new AgentRunner(spec, agent, {
    emit: (line) => writer.progress(line),
    ...(llm ? { llm } : {}),
    signal: controller.signal,
  });
  const final = await runner.run();
  const outcome = final.type === 'result' ? 'result' : final.code;
  taskLog.info({ outcome, duration_ms: Date.now() - started }, final.type === 'result' ? final.result.summary : final.message);
  writer.finish(final, final.type === 'result' ? AGENT_EXIT_CODES.result : AGENT_EXIT_CODES.error);
}

main().catch((err: unknown) => {
  log.error({ err }, 'agent crashed');
  fail('AGENT_ERROR', `The agent crashed: ${err instanceof Error ? err.message : String(err)}`, false);
});
