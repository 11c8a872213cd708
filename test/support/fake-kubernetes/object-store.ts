import { randomUUID } from 'node:crypto';

/**
 * The fake API server's etcd: objects of four resources (jobs, pods, secrets, events), one resourceVersion counter for all
 * (every write takes the next one, as etcd's revision), and a bounded history of change events
 * that watches resume from. A version older than the history answers 410 Gone.
 */
export type Resource = 'jobs' | 'pods' | 'secrets' | 'events';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion: string;
  creationTimestamp: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [field: string]: unknown;
}

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  resource: Resource;
  type: EventType;
  object: KubeObject;
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** RFC 3339 with whole seconds, as the API server writes metav1.Time. */
export function timestamp(at = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class ObjectStore {
  private rv = 1000;
  private readonly objects = new Map<Resource, Map<string, KubeObject>>([
    ['jobs', new Map()],
    ['pods', new Map()],
    ['secrets', new Map()],
    ['events', new Map()],
  ]);
  private history: StoreEvent[] = [];
  /** Watches may resume from this version or a later one. */
  private oldestResumable = 1000;
  private readonly listeners = new Set<(event: StoreEvent) => void>();

  constructor(private readonly historyLimit = 5000) {}

  currentVersion(): number {
    return this.rv;
  }

  get(resource: Resource, namespace: string, name: string): KubeObject | undefined {
    const found = this.objects.get(resource)!.get(`${namespace}/${name}`);
    return found && clone(found);
  }

  /** Every object of a resource (in every namespace), oldest first. */
  all(resource: Resource): KubeObject[] {
    return [...this.objects.get(resource)!.values()].map(clone);
  }

  findByUid(uid: string): { resource: Resource; object: KubeObject } | undefined {
    for (const [resource, objects] of this.objects) {
      for (const object of objects.values()) if (object.metadata.uid === uid) return { resource, object: clone(object) };
    }
    return undefined;
  }

  create(resource: Resource, object: KubeObject): KubeObject {
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    const objects = this.objects.get(resource)!;
    if (objects.has(key)) throw new ConflictError(key);
    const stored = clone(object);
    stored.metadata.uid = randomUUID();
    stored.metadata.creationTimestamp = timestamp();
    stored.metadata.resourceVersion = String(++this.rv);
    if (resource === 'jobs') stored.metadata.generation = 1;
    objects.set(key, stored);
    this.record(resource, 'ADDED', stored);
    return clone(stored);
  }

  /** Applies `change` to the stored object; a change that alters nothing writes nothing. */
  update(resource: Resource, namespace: string, name: string, change: (object: KubeObject) => void): KubeObject | undefined {
    const objects = this.objects.get(resource)!;
    const current = objects.get(`${namespace}/${name}`);
    if (!current) return undefined;
    const next = clone(current);
    change(next);
    if (JSON.stringify(next) === JSON.stringify(current)) return clone(current);
    next.metadata.resourceVersion = String(++this.rv);
    objects.set(`${namespace}/${name}`, next);
    this.record(resource, 'MODIFIED', next);
    return clone(next);
  }

  remove(resource: Resource, namespace: string, name: string): KubeObject | undefined {
    const objects = this.objects.get(resource)!;
    const current = objects.get(`${namespace}/${name}`);
    if (!current) return undefined;
    objects.delete(`${namespace}/${name}`);
    const last = clone(current);
    last.metadata.resourceVersion = String(++this.rv);
    this.record(resource, 'DELETED', last);
    return clone(last);
  }

  /** Changes after `version`, or `expired` when they are no longer kept. */
  eventsSince(version: number): StoreEvent[] | 'expired' {
    if (version < this.oldestResumable) return 'expired';
    return this.history.filter((e) => e.rv > version);
  }

  /**
   * Forgets the history, as etcd compaction does, past the current version: a watch resumed from
   * any version a client holds gets 410, even the newest (a bookmark may have given it that one;
   * a real server's window moves on the same way while the client is away).
   */
  compact(): void {
    this.history = [];
    // A revision of its own (etcd's compaction is one): the newest version a client holds is now
    // older than what may be resumed, while a list after the 410 returns one that may be.
    this.rv += 1;
    this.oldestResumable = this.rv;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private record(resource: Resource, type: EventType, object: KubeObject): void {
    const event: StoreEvent = { rv: this.rv, resource, type, object: clone(object) };
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.oldestResumable = dropped.at(-1)!.rv;
    }
    for (const listener of [...this.listeners]) listener(event);
  }
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** `a=b,c!=d,e,!f` against an object's labels. */
export function matchesLabelSelector(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  const have = labels ?? {};
  return selector
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
    .every((term) => {
      const notEqual = term.match(/^([^!=]+)!=(.*)$/);
      if (notEqual) return have[notEqual[1]!.trim()] !== notEqual[2]!.trim();
      const equal = term.match(/^([^!=]+)==?(.*)$/);
      if (equal) return have[equal[1]!.trim()] === equal[2]!.trim();
      if (term.startsWith('!')) return !(term.slice(1) in have);
      return term in have;
    });
}

/** `metadata.name=x,metadata.namespace=y` (the fields every resource supports). */
export function matchesFieldSelector(object: KubeObject, selector: string | undefined): boolean {
  if (!selector) return true;
  return selector
    .split(',')
    .filter(Boolean)
    .every((term) => {
      const [field, value] = term.split(/!?==?/) as [string, string | undefined];
      const actual = fieldValue(object, field);
      return term.includes('!=') ? actual !== value : actual === value;
    });
}

/** The fields the fake can select on: metadata's name and namespace; for events, what the API server indexes. */
function fieldValue(object: KubeObject, field: string): string | undefined {
  if (field === 'metadata.name') return object.metadata.name;
  if (field === 'metadata.namespace') return object.metadata.namespace;
  const involved = (object as { involvedObject?: Record<string, string> }).involvedObject;
  if (field.startsWith('involvedObject.') && involved) return involved[field.slice('involvedObject.'.length)];
  if (field === 'reason' || field === 'type') return (object as Record<string, unknown>)[field] as string | undefined;
  return undefined;
}
