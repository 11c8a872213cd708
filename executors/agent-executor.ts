import type { AgentLine, AgentSpecInput, ProtocolViolation } from '../agents/protocol';
import type { AgentResourceRequest } from '../lib/custom-agents';

/** One launch of an agent: the attempt of one task's run activity. */
export interface AgentLaunch {
  /**
   * Unique per workflow, activity and attempt. A retried launch of the same attempt (a worker
   * that died and came back) uses the same name, so an executor can find its earlier run.
   */
  runName: string;
  taskId: string;
  userId: string;
  /** The agent type the program runs (a custom agent's: the type it builds on). */
  agentType: string;
  attempt: number;
  /**
   * The custom agent the task runs, and what it asks of the executor: its image and resources
   * lie over the agent type's (Kubernetes executor; the operator's allow list and the tier's
   * caps were checked when it was saved).
   */
  customAgent?: { id: string; version: number; image: string | null; resources: AgentResourceRequest | null };
  /**
   * A repository checkout for the agent (its task has `context.repository`): the executor
   * leaves commit `sha` checked out in a folder of the run's own (the local executor from the
   * worker's clone at `gitDir`; the Kubernetes executor clones `url` in an init container) and
   * names it in the spec's `workspace`, with `basePatch` for the agent to apply first.
   */
  workspace?: { url: string; gitDir: string; sha: string; basePatch?: string; allowHttp: boolean };
  spec: AgentSpecInput;
  timeLimitSeconds: number;
  /**
   * The run an earlier attempt of the same activity started (from its last heartbeat). An
   * executor whose runs outlive a worker (a Kubernetes Job) re-attaches to it while it is still
   * alive instead of starting another; one whose runs die with the worker ignores it.
   */
  adoptRunName?: string;
}

export interface AgentExit {
  code: number | null;
  signal: string | null;
  /** The last lines the agent wrote to stderr, for the error message when it dies. */
  stderrTail: string;
  /**
   * Why the run ended without a result, when the executor saw it (an image that cannot be
   * pulled, an OOM kill, an evicted pod). `retryable: false` fails the task at once.
   */
  failure?: { message: string; retryable: boolean };
}

/**
 * What the executor itself reports about a run, beside the agent's own lines: waiting for
 * capacity, capacity found. Shown as progress, but keyed on its own, so it never shifts the
 * numbering of the agent's lines (which keys their events and must be the same for every
 * worker that reads the run).
 */
export interface RunNotice {
  type: 'notice';
  /** Unique within the run, and the same whichever worker watches it: the event's dedupe key. */
  key: string;
  message: string;
  /** Time the run waited for capacity; counted into the task once per key. */
  capacityWaitMs?: number;
}

/** A running agent. */
export interface AgentRun {
  /** The run's name: `launch.runName`, or `adoptRunName` when the executor re-attached to it. */
  readonly runName: string;
  /**
   * Protocol lines as the agent writes them (read forgivingly: `readAgentLine`), a line that
   * breaks the protocol, and the executor's notices; ends when the agent's output ends.
   */
  readonly lines: AsyncIterable<AgentLine | RunNotice | ProtocolViolation>;
  /** Resolves when the agent has exited. */
  readonly exited: Promise<AgentExit>;
  /**
   * Asks the agent to stop (SIGTERM), lets it flush a partial result for `graceMs`, then kills
   * it and frees whatever it held. Safe to call more than once.
   */
  stop(graceMs: number): Promise<void>;
  /**
   * Present on runs that outlive the worker (a Kubernetes Job): stops following the run and
   * leaves it running, for the next attempt to adopt. Used when the worker shuts down.
   */
  detach?(): void;
}

/** Where agents run: a local child process or a Kubernetes Job (DESIGN.md "Agents and executors"). */
export interface AgentExecutor {
  readonly kind: string;
  launch(launch: AgentLaunch): Promise<AgentRun>;
}

/** Thrown by `launch` when the agent cannot be started at all and retrying will not help. */
export class AgentLaunchError extends Error {
  override readonly name = 'AgentLaunchError';
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
