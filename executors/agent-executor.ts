import type { AgentLine, AgentSpecInput } from '../agents/protocol';

/** One launch of an agent: the attempt of one task's run activity. */
export interface AgentLaunch {
  /**
   * Unique per workflow, activity and attempt. A retried launch of the same attempt (a worker
   * that died and came back) uses the same name, so an executor can find its earlier run.
   */
  runName: string;
  taskId: string;
  userId: string;
  agentType: string;
  attempt: number;
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
}

/** A running agent. */
export interface AgentRun {
  /** The run's name: `launch.runName`, or `adoptRunName` when the executor re-attached to it. */
  readonly runName: string;
  /** Protocol lines as the agent writes them; ends when the agent's output ends. */
  readonly lines: AsyncIterable<AgentLine>;
  /** Resolves when the agent has exited. */
  readonly exited: Promise<AgentExit>;
  /**
   * Asks the agent to stop (SIGTERM), lets it flush a partial result for `graceMs`, then kills
   * it and frees whatever it held. Safe to call more than once.
   */
  stop(graceMs: number): Promise<void>;
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
