import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { timestamp, type KubeObject, type ObjectStore } from './object-store';

/** How containers of an image run on the fake node. */
export type ImageBehaviour =
  /** Runs this command with the container's args appended (e.g. the real agent program). */
  | { run: string[] }
  /** The registry refuses the image: ErrImagePull, then ImagePullBackOff, for ever. */
  | { pullError: string };

/** Misfortunes a test has a pod meet, after the container wrote some lines. */
export interface PodFault {
  /** The kernel kills the container for its memory: exit 137, reason OOMKilled. */
  oomKillAfterLines?: number;
  /** The pod is evicted (Eviction API): condition DisruptionTarget, then deleted. */
  evictAfterLines?: number;
}

/** Chooses a pod's fault from the pod and the files mounted from its Secrets (the task spec). */
export type FaultPicker = (pod: KubeObject, files: Record<string, string>) => PodFault | undefined;

/** A container's output (stdout and stderr, as the container runtime interleaves them). */
export interface ContainerLog {
  text: string;
  /** Each complete line with the time the runtime read it (RFC 3339 with nanoseconds, as the kubelet writes it). */
  lines: { at: string; text: string }[];
  /** The last line, not ended by a newline yet. */
  partial: string;
  done: boolean;
  readonly changes: EventEmitter;
}

let lastNanos = 0n;
/** Now, as the kubelet stamps log lines: RFC 3339 with nanoseconds, increasing. */
function logTimestamp(): string {
  let nanos = BigInt(Date.now()) * 1_000_000n;
  if (nanos <= lastNanos) nanos = lastNanos + 1n;
  lastNanos = nanos;
  const ms = Number(nanos / 1_000_000n);
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(nanos % 1_000_000_000n).padStart(9, '0')}Z`;
}

const ROOT = path.resolve(__dirname, '../../..');
/** Variables a container gets from the node, so `node` runs. */
const NODE_ENV = /^(PATH|LANG|TZ)$/;

/**
 * The node agent: starts the containers of pods bound to its node as local processes, with
 * their Secret volumes written to a temporary folder (and paths into them rewritten), reports
 * their status, keeps their logs, and carries out graceful deletion (SIGTERM, then SIGKILL
 * after the grace period).
 */
export class FakeKubelet {
  readonly logs = new Map<string, ContainerLog>();
  private readonly handled = new Set<string>();
  private readonly terminating = new Set<string>();
  private readonly processes = new Map<string, ChildProcess>();
  private closed = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly options: { images: Record<string, ImageBehaviour>; faults?: FaultPicker },
  ) {}

  /** Starts what was bound to the node and stops what is being deleted. */
  sync(): void {
    if (this.closed) return;
    const pods = this.store.all('pods');
    // Force-deleted (grace period 0): the object is gone at once, the container is killed.
    for (const [uid, child] of this.processes) if (!pods.some((p) => p.metadata.uid === uid)) child.kill('SIGKILL');
    for (const pod of pods) {
      const uid = pod.metadata.uid;
      if (pod.metadata.deletionTimestamp) {
        if (!this.terminating.has(uid)) this.terminate(pod);
      } else if (pod.spec?.nodeName && !this.handled.has(uid) && !isTerminal(pod)) {
        this.handled.add(uid);
        void this.start(pod);
      }
    }
  }

  /** Kills every container at once (the test is over). */
  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.processes.values()].map((child) => new Promise((resolve) => child.once('exit', resolve)));
    for (const child of this.processes.values()) child.kill('SIGKILL');
    await Promise.all(exits);
  }

  private async start(pod: KubeObject): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    const container = pod.spec.containers[0];
    this.setContainerState(pod, { waiting: { reason: 'ContainerCreating' } });
    const behaviour = this.options.images[container.image as string] ?? { pullError: `${container.image}: not found` };
    if ('pullError' in behaviour) {
      await sleep(30);
      if (!this.alive(pod)) return;
      this.setContainerState(pod, {
        waiting: { reason: 'ErrImagePull', message: `failed to pull and unpack image "${container.image}": ${behaviour.pullError}` },
      });
      await sleep(150);
      if (!this.alive(pod)) return;
      this.setContainerState(pod, { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${container.image}"` } });
      return;
    }

    // Volumes: a Secret that is not there yet keeps the container waiting (as FailedMount does).
    const secretVolumes = new Map<string, string>();
    for (const volume of (pod.spec.volumes ?? []) as { name: string; secret?: { secretName: string } }[]) {
      if (volume.secret) secretVolumes.set(volume.name, volume.secret.secretName);
    }
    const secrets = new Map<string, Record<string, string>>();
    for (const [volumeName, secretName] of secretVolumes) {
      for (;;) {
        if (!this.alive(pod)) return;
        const secret = this.store.get('secrets', namespace, secretName);
        if (secret) {
          secrets.set(volumeName, secret.data as Record<string, string>);
          break;
        }
        await sleep(25);
      }
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-kubelet-'));
    // emptyDir volumes: a folder each, shared by the pod's containers (init containers too).
    const emptyDirs = new Map<string, string>();
    for (const volume of (pod.spec.volumes ?? []) as { name: string; emptyDir?: unknown }[]) {
      if (!volume.emptyDir) continue;
      const local = path.join(dir, 'volumes', volume.name);
      await fs.mkdir(local, { recursive: true });
      emptyDirs.set(volume.name, local);
    }
    /** A container's mounts as [path in the container, local folder]. */
    const mountsOf = (c: { volumeMounts?: unknown }): [string, string][] =>
      ((c.volumeMounts ?? []) as { name: string; mountPath: string }[]).flatMap((m): [string, string][] => {
        const local = emptyDirs.get(m.name) ?? (secrets.has(m.name) ? path.join(dir, m.mountPath) : undefined);
        return local ? [[m.mountPath, local]] : [];
      });
    // Paths in arguments, variables and the Secret's files stand for the container's own mount
    // namespace: they are rewritten to the local folders.
    const rewriterOf = (mounts: [string, string][]) => (value: string) => {
      // The deepest mount that holds the path, once (as a mount namespace resolves it).
      const [from, to] = mounts.filter(([m]) => value === m || value.startsWith(`${m}/`)).sort((a, b) => b[0].length - a[0].length)[0] ?? [];
      return from !== undefined && to !== undefined ? to + value.slice(from.length) : value;
    };
    const mounts = mountsOf(container);
    const emptyDirMounts = mounts.filter(([, to]) => [...emptyDirs.values()].includes(to));
    const inText = (text: string) => emptyDirMounts.reduce((t, [from, to]) => t.split(`"${from}`).join(`"${to}`), text);
    const files: Record<string, string> = {};
    for (const mount of (container.volumeMounts ?? []) as { name: string; mountPath: string }[]) {
      const data = secrets.get(mount.name);
      if (!data) continue;
      const local = path.join(dir, mount.mountPath);
      await fs.mkdir(local, { recursive: true });
      for (const [key, value] of Object.entries(data)) {
        files[key] = Buffer.from(value, 'base64').toString('utf8');
        await fs.writeFile(path.join(local, key), inText(files[key]!));
      }
    }
    if (!this.alive(pod)) return;
    const rewrite = rewriterOf(mounts);
    const envOf = (c: { env?: unknown }, rw: (v: string) => string): Record<string, string> => {
      const env: Record<string, string> = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => NODE_ENV.test(k) && v !== undefined)) as Record<string, string>;
      for (const variable of (c.env ?? []) as { name: string; value?: string }[]) {
        if (variable.value !== undefined) env[variable.name] = rw(variable.value);
      }
      env.HOME = dir;
      return env;
    };
    const env = envOf(container, rewrite);

    // Init containers, in order, each to its end: one that fails fails the pod (restartPolicy Never).
    const initStatuses: Record<string, unknown>[] = [];
    for (const init of (pod.spec.initContainers ?? []) as { name: string; image: string; command?: string[]; args?: string[]; env?: unknown; volumeMounts?: unknown }[]) {
      const rw = rewriterOf(mountsOf(init));
      const argv = [...(init.command ?? (this.options.images[init.image] as { run?: string[] } | undefined)?.run ?? []), ...(init.args ?? [])].map(rw);
      const ended = await new Promise<{ code: number; output: string }>((resolve) => {
        const p = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env: envOf(init, rw), stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        p.stdout.on('data', (c: Buffer) => (output += c.toString()));
        p.stderr.on('data', (c: Buffer) => (output += c.toString()));
        p.once('error', (err) => resolve({ code: 127, output: err.message }));
        p.once('exit', (code) => resolve({ code: code ?? 1, output }));
      });
      initStatuses.push({ name: init.name, image: init.image, ready: false, restartCount: 0, state: { terminated: { exitCode: ended.code, reason: ended.code === 0 ? 'Completed' : 'Error', message: ended.output.slice(-500) } } });
      this.store.update('pods', namespace, name, (p) => {
        p.status.initContainerStatuses = [...initStatuses];
      });
      if (ended.code !== 0) {
        this.store.update('pods', namespace, name, (p) => {
          p.status.phase = 'Failed';
          setCondition(p, 'Initialized', 'False', 'ContainersNotInitialized');
          p.status.containerStatuses = [containerStatus(p, { waiting: { reason: 'PodInitializing' } }, false)];
        });
        void fs.rm(dir, { recursive: true, force: true });
        return;
      }
      if (!this.alive(pod)) return;
    }

    const fault = this.options.faults?.(pod, files) ?? {};
    const [command, ...args] = [...behaviour.run, ...((container.args ?? []) as string[]).map(rewrite)] as [string, ...string[]];
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.processes.set(uid, child);
    const log: ContainerLog = { text: '', lines: [], partial: '', done: false, changes: new EventEmitter() };
    this.logs.set(uid, log);
    const startedAt = timestamp();
    this.store.update('pods', namespace, name, (p) => {
      p.status.phase = 'Running';
      p.status.startTime ??= startedAt;
      p.status.podIP = '10.0.0.1';
      setCondition(p, 'Initialized', 'True');
      setCondition(p, 'Ready', 'True');
      setCondition(p, 'ContainersReady', 'True');
      p.status.containerStatuses = [containerStatus(p, { running: { startedAt } }, true)];
    });

    let oomKilled = false;
    let stdoutLines = 0;
    const append = (chunk: Buffer) => {
      log.text += chunk.toString();
      log.partial += chunk.toString();
      let newline = log.partial.indexOf('\n');
      while (newline >= 0) {
        log.lines.push({ at: logTimestamp(), text: log.partial.slice(0, newline) });
        log.partial = log.partial.slice(newline + 1);
        newline = log.partial.indexOf('\n');
      }
      log.changes.emit('data');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      append(chunk);
      stdoutLines += chunk.toString().split('\n').length - 1;
      if (fault.oomKillAfterLines !== undefined && stdoutLines >= fault.oomKillAfterLines && !oomKilled) {
        oomKilled = true;
        child.kill('SIGKILL');
      }
      if (fault.evictAfterLines !== undefined && stdoutLines >= fault.evictAfterLines) {
        fault.evictAfterLines = undefined;
        this.evict(pod);
      }
    });
    child.stderr.on('data', append);
    child.once('exit', (code, signal) => {
      this.processes.delete(uid);
      const exitCode = oomKilled ? 137 : (code ?? (signal === 'SIGKILL' ? 137 : signal === 'SIGTERM' ? 143 : 1));
      const reason = oomKilled ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
      const current = this.store.get('pods', namespace, name);
      if (current) {
        this.store.update('pods', namespace, name, (p) => {
          p.status.phase = exitCode === 0 && !p.metadata.deletionTimestamp ? 'Succeeded' : 'Failed';
          setCondition(p, 'Ready', 'False', 'PodCompleted');
          setCondition(p, 'ContainersReady', 'False', 'PodCompleted');
          p.status.containerStatuses = [containerStatus(p, { terminated: { exitCode, reason, startedAt, finishedAt: timestamp() } }, false)];
        });
      }
      if (log.partial) log.lines.push({ at: logTimestamp(), text: log.partial });
      log.partial = '';
      log.done = true;
      log.changes.emit('end');
      void fs.rm(dir, { recursive: true, force: true });
      // A pod being deleted goes once its container has stopped.
      if (current?.metadata.deletionTimestamp) this.store.remove('pods', namespace, name);
    });
  }

  /** The Eviction API: a DisruptionTarget condition, then graceful deletion. */
  private evict(pod: KubeObject): void {
    this.store.update('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
      setCondition(p, 'DisruptionTarget', 'True', 'EvictionByEvictionAPI', 'Eviction API: evicting');
      p.metadata.deletionTimestamp = timestamp();
      p.metadata.deletionGracePeriodSeconds = p.spec.terminationGracePeriodSeconds ?? 30;
    });
  }

  /** Graceful deletion: SIGTERM, SIGKILL after the grace period; a pod with no running container goes at once. */
  private terminate(pod: KubeObject): void {
    const { uid, namespace, name } = pod.metadata;
    this.terminating.add(uid);
    const child = this.processes.get(uid);
    if (!child) {
      const log = this.logs.get(uid);
      if (log && !log.done) {
        log.done = true;
        log.changes.emit('end');
      }
      this.store.remove('pods', namespace, name);
      return;
    }
    const grace = pod.metadata.deletionGracePeriodSeconds ?? 30;
    if (grace === 0) {
      child.kill('SIGKILL');
      return;
    }
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), grace * 1000);
    child.once('exit', () => clearTimeout(timer));
  }

  private alive(pod: KubeObject): boolean {
    const current = this.store.get('pods', pod.metadata.namespace, pod.metadata.name);
    return !this.closed && current !== undefined && current.metadata.uid === pod.metadata.uid && !current.metadata.deletionTimestamp;
  }

  private setContainerState(pod: KubeObject, state: Record<string, unknown>): void {
    this.store.update('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
      setCondition(p, 'Initialized', 'True');
      p.status.containerStatuses = [containerStatus(p, state, false)];
    });
  }
}

export function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

export function setCondition(object: KubeObject, type: string, status: string, reason?: string, message?: string): void {
  object.status ??= {};
  const conditions: { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }[] = (object.status.conditions ??= []);
  const existing = conditions.find((c) => c.type === type);
  if (existing && existing.status === status && existing.reason === reason) return;
  const next = { type, status, lastTransitionTime: timestamp(), ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  if (existing) Object.assign(existing, next);
  else conditions.push(next);
}

function containerStatus(pod: KubeObject, state: Record<string, unknown>, ready: boolean) {
  const container = pod.spec.containers[0];
  return { name: container.name, image: container.image, imageID: '', ready, restartCount: 0, started: 'running' in state, state };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
