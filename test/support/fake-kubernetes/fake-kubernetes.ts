import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FakeGarbageCollector, FakeJobController, FakeScheduler } from './controllers';
import { FakeKubelet, isTerminal, type FaultPicker, type ImageBehaviour } from './kubelet';
import {
  ConflictError,
  matchesFieldSelector,
  matchesLabelSelector,
  ObjectStore,
  timestamp,
  type KubeObject,
  type Resource,
  type StoreEvent,
} from './object-store';
import { validateJob, validateSecret, type FieldProblem } from './validation';

/**
 * A Kubernetes API server for tests, where no real one can run: jobs, pods and secrets with
 * create/get/list/delete/watch, pods/log with follow, Status errors (404 NotFound, 409
 * AlreadyExists, 410 Expired, 422 Invalid, 401 Unauthorized), one resourceVersion sequence
 * for every object and watch event, label and field selectors, and behind it a Job
 * controller, a garbage collector (ownerReferences), a scheduler of N GPUs and a kubelet that
 * runs containers as local processes. The real `@kubernetes/client-node` talks to it.
 */
export interface FakeKubernetesOptions {
  /** GPUs of the one node. Default 2. */
  gpus?: number;
  /** Image name → how its containers run; any other image fails to pull. */
  images?: Record<string, ImageBehaviour>;
  faults?: FaultPicker;
  /** Ends every watch after this long, as API servers do (clients must resume). Default: only `timeoutSeconds`. */
  watchTimeoutMs?: number;
  /** Ends every followed log stream after this long (clients must read again). Default: never. */
  logStreamTimeoutMs?: number;
  /** Cuts every followed log stream's connection after this long, with no end (a reset). Default: never. */
  logStreamCutMs?: number;
  /** Change events kept for watches to resume from. Default 5000. */
  historyLimit?: number;
  /** Answer 403 Forbidden to every request for events (a worker Role without them). */
  forbidEvents?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
}

export interface FakeStats {
  /** Most pods in phase Running at the same time. */
  maxRunningPods: number;
  /** Watches answered 410 Gone (resourceVersion too old). */
  expiredWatches: number;
}

const TOKEN = 'fake-kubernetes-token';

interface ResourceInfo {
  apiVersion: string;
  kind: string;
  group: string;
  listKind: string;
}

const RESOURCES: Record<Resource, ResourceInfo> = {
  jobs: { apiVersion: 'batch/v1', kind: 'Job', group: 'batch', listKind: 'JobList' },
  pods: { apiVersion: 'v1', kind: 'Pod', group: '', listKind: 'PodList' },
  secrets: { apiVersion: 'v1', kind: 'Secret', group: '', listKind: 'SecretList' },
  events: { apiVersion: 'v1', kind: 'Event', group: '', listKind: 'EventList' },
};

/** Default propagation of a DELETE without one: batch/v1 Jobs orphan their pods (a real trap). */
const DEFAULT_PROPAGATION: Record<Resource, string> = { jobs: 'Orphan', pods: 'Background', secrets: 'Background', events: 'Background' };

class HttpStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class FakeKubernetes {
  readonly store: ObjectStore;
  readonly requests: FakeRequest[] = [];
  /** Every object created, through the API or by a controller, in order (they may be gone since). */
  readonly created: { resource: Resource; object: KubeObject }[] = [];
  readonly stats: FakeStats = { maxRunningPods: 0, expiredWatches: 0 };
  url = '';
  /**
   * Admission control for the pods the Job controller makes: a message refuses the pod (as a
   * quota or Pod Security would), and the controller records a FailedCreate event and tries again.
   */
  admission?: (pod: KubeObject) => string | undefined;
  private server?: Server;
  private readonly kubelet: FakeKubelet;
  private readonly scheduler: FakeScheduler;
  private readonly jobs: FakeJobController;
  private readonly gc: FakeGarbageCollector;
  private readonly openStreams = new Set<ServerResponse>();
  private readonly openWatches = new Set<ServerResponse>();
  private syncQueued = false;
  private closed = false;

  constructor(private readonly options: FakeKubernetesOptions = {}) {
    this.store = new ObjectStore(options.historyLimit);
    const remove = (resource: Resource, namespace: string, name: string, propagation: string) => {
      this.deleteObject(resource, namespace, name, propagation);
    };
    this.kubelet = new FakeKubelet(this.store, { images: options.images ?? {}, faults: options.faults });
    this.scheduler = new FakeScheduler(this.store, options.gpus ?? 2);
    this.jobs = new FakeJobController(this.store, remove, (pod) => this.admission?.(pod));
    this.gc = new FakeGarbageCollector(this.store, remove);
    this.store.subscribe((event) => {
      if (event.type === 'ADDED') this.created.push({ resource: event.resource, object: event.object });
      if (event.resource === 'pods' && event.type === 'DELETED') this.jobs.observePod(event.object, true);
      this.queueSync();
    });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => this.sendError(res, err));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.jobs.close();
    for (const res of this.openStreams) res.destroy();
    await this.kubelet.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A kubeconfig for this server (no TLS, a bearer token), written to a temporary file. */
  async writeKubeconfig(namespace: string): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-kubeconfig-'));
    const file = path.join(dir, 'kubeconfig.json');
    const kubeconfig = {
      apiVersion: 'v1',
      kind: 'Config',
      // client-node refuses plain HTTP unless TLS verification is explicitly off.
      clusters: [{ name: 'fake', cluster: { server: this.url, 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'codex-worker', user: { token: TOKEN } }],
      contexts: [{ name: 'fake', context: { cluster: 'fake', user: 'codex-worker', namespace } }],
      'current-context': 'fake',
    };
    await fs.writeFile(file, JSON.stringify(kubeconfig));
    return file;
  }

  /** Objects of a resource, optionally only those with these labels. */
  list(resource: Resource, labelSelector?: string): KubeObject[] {
    return this.store.all(resource).filter((o) => matchesLabelSelector(o.metadata.labels, labelSelector));
  }

  /** Forgets the change history and ends every open watch: resuming clients get 410 Gone. */
  expireWatches(): void {
    this.store.compact();
    for (const res of this.openWatches) res.end();
  }

  /** Runs the controllers, once per burst of changes. */
  private queueSync(): void {
    if (this.syncQueued || this.closed) return;
    this.syncQueued = true;
    setImmediate(() => {
      this.syncQueued = false;
      if (this.closed) return;
      this.gc.sync();
      this.jobs.sync();
      this.scheduler.sync();
      this.kubelet.sync();
      const running = this.store.all('pods').filter((p) => p.status?.phase === 'Running').length;
      this.stats.maxRunningPods = Math.max(this.stats.maxRunningPods, running);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) throw new HttpStatusError(401, 'Unauthorized', 'Unauthorized');

    const match =
      url.pathname.match(/^\/apis\/batch\/v1\/namespaces\/([^/]+)\/(jobs)(?:\/([^/]+))?$/) ??
      url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/(pods|secrets|events)(?:\/([^/]+))?(\/log)?$/);
    if (!match) throw new HttpStatusError(404, 'NotFound', 'the server could not find the requested resource');
    const [, namespace, resourceName, name, log] = match as unknown as [string, string, Resource, string | undefined, string | undefined];
    const resource = resourceName;
    if (resource === 'events' && this.options.forbidEvents) {
      throw new HttpStatusError(403, 'Forbidden', `events is forbidden: User "system:serviceaccount:codex:codex-worker" cannot list resource "events" in API group "" in the namespace "${namespace}"`, { kind: 'events' });
    }
    const body = await readBody(req);

    if (log) return this.streamLog(res, namespace, name!, query);
    switch (req.method) {
      case 'GET':
        if (name) return this.send(res, 200, this.mustGet(resource, namespace, name));
        if (query.watch === 'true' || query.watch === '1') return this.watch(res, resource, namespace, query);
        return this.send(res, 200, this.listObjects(resource, namespace, query));
      case 'POST':
        if (name) break;
        return this.send(res, 201, this.createObject(resource, namespace, body as KubeObject));
      case 'DELETE': {
        if (!name) break;
        const options = (body ?? {}) as { propagationPolicy?: string; gracePeriodSeconds?: number };
        const propagation = query.propagationPolicy ?? options.propagationPolicy ?? DEFAULT_PROPAGATION[resource];
        const grace = query.gracePeriodSeconds ?? options.gracePeriodSeconds;
        this.mustGet(resource, namespace, name);
        const after = this.deleteObject(resource, namespace, name, propagation, grace === undefined ? undefined : Number(grace));
        if (resource === 'pods' && after) return this.send(res, 200, after);
        const info = RESOURCES[resource];
        return this.send(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: info.group, kind: resource } });
      }
    }
    throw new HttpStatusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }

  private mustGet(resource: Resource, namespace: string, name: string): KubeObject {
    const found = this.store.get(resource, namespace, name);
    if (!found) {
      const info = RESOURCES[resource];
      throw new HttpStatusError(404, 'NotFound', `${resource}${info.group ? `.${info.group}` : ''} "${name}" not found`, { name, group: info.group, kind: resource });
    }
    return found;
  }

  private listObjects(resource: Resource, namespace: string, query: Record<string, string>) {
    const info = RESOURCES[resource];
    return {
      kind: info.listKind,
      apiVersion: info.apiVersion,
      metadata: { resourceVersion: String(this.store.currentVersion()) },
      items: this.store
        .all(resource)
        .filter((o) => o.metadata.namespace === namespace && matchesLabelSelector(o.metadata.labels, query.labelSelector) && matchesFieldSelector(o, query.fieldSelector)),
    };
  }

  private createObject(resource: Resource, namespace: string, object: KubeObject): KubeObject {
    const info = RESOURCES[resource];
    if (resource === 'pods' || resource === 'events') throw new HttpStatusError(405, 'MethodNotAllowed', `the fake makes ${resource} only through its controllers`);
    if (!object || typeof object !== 'object' || !object.metadata) throw new HttpStatusError(400, 'BadRequest', 'the body is not an object with metadata');
    if (object.metadata.namespace && object.metadata.namespace !== namespace) {
      throw new HttpStatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    const problems: FieldProblem[] = resource === 'jobs' ? validateJob(object) : validateSecret(object);
    if (problems.length > 0) {
      const message = `${info.kind}${info.group ? `.${info.group}` : ''} "${object.metadata.name}" is invalid: ${problems.map((p) => `${p.field}: ${p.message}`).join(', ')}`;
      throw new HttpStatusError(422, 'Invalid', message, {
        name: object.metadata.name,
        group: info.group,
        kind: info.kind,
        causes: problems.map((p) => ({ reason: 'FieldValueInvalid', message: p.message, field: p.field })),
      });
    }
    const stored: KubeObject = {
      ...object,
      apiVersion: info.apiVersion,
      kind: info.kind,
      metadata: { ...object.metadata, namespace },
    };
    delete (stored.metadata as Partial<KubeObject['metadata']>).deletionTimestamp;
    if (resource === 'jobs') stored.status = {};
    try {
      return this.store.create(resource, stored);
    } catch (err) {
      if (err instanceof ConflictError) {
        throw new HttpStatusError(409, 'AlreadyExists', `${resource}${info.group ? `.${info.group}` : ''} "${object.metadata.name}" already exists`, {
          name: object.metadata.name,
          group: info.group,
          kind: resource,
        });
      }
      throw err;
    }
  }

  /**
   * Deletes as the API server does: a pod with a running container is only marked (the
   * kubelet stops it within its grace period, then it goes); anything else goes at once, and
   * its dependents follow (Background) or are orphaned.
   */
  private deleteObject(resource: Resource, namespace: string, name: string, propagation: string, graceSeconds?: number): KubeObject | undefined {
    const object = this.store.get(resource, namespace, name);
    if (!object) return undefined;
    if (resource === 'pods' && !isTerminal(object) && object.spec?.nodeName && graceSeconds !== 0) {
      return this.store.update('pods', namespace, name, (p) => {
        p.metadata.deletionTimestamp ??= timestamp();
        p.metadata.deletionGracePeriodSeconds = graceSeconds ?? p.spec.terminationGracePeriodSeconds ?? 30;
      });
    }
    if (propagation === 'Orphan') {
      for (const dependentResource of ['pods', 'secrets'] as const) {
        for (const dependent of this.store.all(dependentResource)) {
          if (!dependent.metadata.ownerReferences?.some((o) => o.uid === object.metadata.uid)) continue;
          this.store.update(dependentResource, dependent.metadata.namespace, dependent.metadata.name, (d) => {
            d.metadata.ownerReferences = d.metadata.ownerReferences?.filter((o) => o.uid !== object.metadata.uid);
            if (d.metadata.ownerReferences?.length === 0) delete d.metadata.ownerReferences;
          });
        }
      }
    }
    this.store.remove(resource, namespace, name);
    return undefined;
  }

  /** `?watch=true`: from `resourceVersion` (or from now, with the current objects as ADDED), until the timeout. */
  private watch(res: ServerResponse, resource: Resource, namespace: string, query: Record<string, string>): void {
    const matches = (event: StoreEvent) =>
      event.resource === resource &&
      event.object.metadata.namespace === namespace &&
      matchesLabelSelector(event.object.metadata.labels, query.labelSelector) &&
      matchesFieldSelector(event.object, query.fieldSelector);
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    const write = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);

    const from = query.resourceVersion;
    if (from && from !== '0') {
      const events = this.store.eventsSince(Number(from));
      if (events === 'expired') {
        this.stats.expiredWatches += 1;
        write('ERROR', {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${from} (${this.store.currentVersion()})`,
          reason: 'Expired',
          code: 410,
        });
        res.end();
        return;
      }
      for (const event of events) if (matches(event)) write(event.type, event.object);
    } else {
      for (const object of this.listObjects(resource, namespace, query).items) write('ADDED', object);
    }

    this.openStreams.add(res);
    this.openWatches.add(res);
    const unsubscribe = this.store.subscribe((event) => {
      if (matches(event)) write(event.type, event.object);
    });
    const limits = [query.timeoutSeconds ? Number(query.timeoutSeconds) * 1000 : undefined, this.options.watchTimeoutMs].filter((v): v is number => v !== undefined);
    const timer = limits.length > 0 ? setTimeout(() => res.end(), Math.min(...limits)) : undefined;
    res.once('close', () => {
      unsubscribe();
      clearTimeout(timer);
      this.openStreams.delete(res);
      this.openWatches.delete(res);
    });
  }

  /** `pods/{name}/log`: 400 while the container has not started; with `follow`, streams until it ends. */
  private streamLog(res: ServerResponse, namespace: string, name: string, query: Record<string, string>): void {
    const pod = this.mustGet('pods', namespace, name);
    const container = query.container ?? pod.spec.containers[0].name;
    if (container !== pod.spec.containers[0].name) {
      throw new HttpStatusError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`);
    }
    const log = this.kubelet.logs.get(pod.metadata.uid);
    if (!log) {
      const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting?.reason ?? 'ContainerCreating';
      throw new HttpStatusError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ${waiting}`);
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' });
    // As the kubelet: with timestamps, whole lines prefixed by their RFC 3339 time; sinceTime in
    // whole seconds keeps the lines of that second on.
    const timestamps = query.timestamps === 'true';
    const since = query.sinceTime ? Date.parse(query.sinceTime) : undefined;
    if (query.sinceTime && Number.isNaN(since)) throw new HttpStatusError(400, 'BadRequest', `sinceTime ${query.sinceTime} is not an RFC 3339 time`);
    let sent = 0;
    let sentLines = 0;
    const flush = () => {
      if (timestamps) {
        let out = '';
        for (; sentLines < log.lines.length; sentLines++) {
          const line = log.lines[sentLines]!;
          if (since !== undefined && Date.parse(`${line.at.slice(0, 19)}Z`) < since) continue;
          out += `${line.at} ${line.text}\n`;
        }
        if (out) res.write(out);
        return;
      }
      if (log.text.length > sent) {
        res.write(log.text.slice(sent));
        sent = log.text.length;
      }
    };
    flush();
    if (!(query.follow === 'true') || log.done) {
      res.end();
      return;
    }
    this.openStreams.add(res);
    const end = () => {
      flush();
      res.end();
    };
    log.changes.on('data', flush);
    log.changes.once('end', end);
    const timer = this.options.logStreamTimeoutMs ? setTimeout(() => res.end(), this.options.logStreamTimeoutMs) : undefined;
    const cut = this.options.logStreamCutMs ? setTimeout(() => res.socket?.destroy(), this.options.logStreamCutMs) : undefined;
    res.once('close', () => {
      log.changes.off('data', flush);
      log.changes.off('end', end);
      clearTimeout(timer);
      clearTimeout(cut);
      this.openStreams.delete(res);
    });
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private sendError(res: ServerResponse, err: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = err instanceof HttpStatusError ? err : new HttpStatusError(500, 'InternalError', String(err));
    this.send(res, status.code, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: status.message,
      reason: status.reason,
      ...(status.details ? { details: status.details } : {}),
      code: status.code,
    });
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpStatusError(400, 'BadRequest', 'the body is not JSON');
  }
}

export async function startFakeKubernetes(options: FakeKubernetesOptions = {}): Promise<FakeKubernetes> {
  return new FakeKubernetes(options).start();
}
