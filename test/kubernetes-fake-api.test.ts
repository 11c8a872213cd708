import { startFakeKubernetes, type FakeKubernetes } from './support/fake-kubernetes/fake-kubernetes';
import { eventually } from './support/stream-client';

/**
 * The fake API server keeps the real API's contract where the executor relies on it, checked
 * here over plain HTTP: Status errors, resourceVersions, watch semantics, selectors, the Job
 * controller, garbage collection, GPU scheduling and pod logs.
 */
let fake: FakeKubernetes;
const NS = 'agents';
const JOBS = `/apis/batch/v1/namespaces/${NS}/jobs`;
const PODS = `/api/v1/namespaces/${NS}/pods`;
const SECRETS = `/api/v1/namespaces/${NS}/secrets`;

beforeAll(async () => {
  fake = await startFakeKubernetes({ gpus: 1, images: { 'echo:1': { run: [process.execPath, '-e', 'console.log("one"); console.log("two"); process.exit(3)'] } } });
});

afterAll(() => fake?.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(method: string, path: string, body?: unknown, token = 'fake-kubernetes-token'): Promise<{ status: number; body: any }> {
  const res = await fetch(fake.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
}

function job(name: string, image = 'echo:1', gpus = 1) {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, labels: { team: 'a' } },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: { labels: { run: name } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image, resources: { limits: { 'nvidia.com/gpu': String(gpus) } } }] },
      },
    },
  };
}

/** Reads a watch stream's events until `count` have come or the server ends it. */
async function watchEvents(path: string, count: number): Promise<{ type: string; object: { metadata?: { name: string; resourceVersion: string }; code?: number; reason?: string } }[]> {
  const controller = new AbortController();
  const res = await fetch(fake.url + path, { headers: { authorization: 'Bearer fake-kubernetes-token' }, signal: controller.signal });
  const events = [];
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk);
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buffered.slice(0, newline)));
      buffered = buffered.slice(newline + 1);
    }
    if (events.length >= count) break;
  }
  controller.abort();
  return events;
}

it('refuses requests without the bearer token with a 401 Status', async () => {
  const res = await call('GET', JOBS, undefined, 'wrong');
  expect(res).toMatchObject({ status: 401, body: { kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 } });
});

it('answers Status objects for 404 NotFound, 409 AlreadyExists and 422 Invalid', async () => {
  expect(await call('GET', `${JOBS}/nope`)).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', code: 404, details: { name: 'nope' } } });
  const created = await call('POST', JOBS, job('dup'));
  expect(created.status).toBe(201);
  expect(created.body.metadata).toMatchObject({ name: 'dup', namespace: NS, uid: expect.any(String), resourceVersion: expect.stringMatching(/^\d+$/) });
  expect(await call('POST', JOBS, job('dup'))).toMatchObject({ status: 409, body: { reason: 'AlreadyExists', code: 409, message: 'jobs.batch "dup" already exists' } });
  const invalid = job('bad');
  (invalid.spec.template.spec as Record<string, unknown>).nodeSelector = { 'gpu type': 'x' };
  expect(await call('POST', JOBS, invalid)).toMatchObject({ status: 422, body: { reason: 'Invalid', code: 422, details: { causes: [expect.objectContaining({ field: 'spec.template.spec.nodeSelector' })] } } });
  const big = await call('POST', SECRETS, { metadata: { name: 'big' }, data: { 'spec.json': Buffer.alloc(1024 * 1024 + 1).toString('base64') } });
  expect(big).toMatchObject({ status: 422, body: { message: expect.stringContaining('Too long: must have at most 1048576 bytes') } });
  await call('DELETE', `${JOBS}/dup?propagationPolicy=Background`);
});

it('runs a Job: pod from the template, terminated with its exit code, Job Failed past backoffLimit, log kept', async () => {
  const created = await call('POST', JOBS, job('runs'));
  const pod = await eventually(async () => {
    const pods = (await call('GET', `${PODS}?labelSelector=${encodeURIComponent('job-name=runs')}`)).body.items;
    return pods[0]?.status?.containerStatuses?.[0]?.state?.terminated ? pods[0] : undefined;
  }, 10_000, 'the pod to run');
  expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', uid: created.body.metadata.uid, controller: true })]);
  expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  expect(pod.status.phase).toBe('Failed');
  const log = await call('GET', `${PODS}/${pod.metadata.name}/log?container=agent&follow=true`);
  expect(log).toEqual({ status: 200, body: 'one\ntwo\n' });
  const finished = await eventually(async () => {
    const j = (await call('GET', `${JOBS}/runs`)).body;
    return j.status?.conditions?.some((c: { type: string }) => c.type === 'Failed') ? j : undefined;
  }, 10_000, 'the Job to fail');
  expect(finished.status.conditions).toContainEqual(expect.objectContaining({ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }));
  await call('DELETE', `${JOBS}/runs?propagationPolicy=Background`);
});

it('keeps a pod Pending/Unschedulable while the GPUs are taken, and 400s its log', async () => {
  await call('POST', JOBS, job('hog', 'unknown:1'));
  await call('POST', JOBS, job('waits', 'unknown:1'));
  const pending = await eventually(async () => {
    const pods = (await call('GET', `${PODS}?labelSelector=${encodeURIComponent('job-name=waits')}`)).body.items;
    return pods[0]?.status?.conditions?.some((c: { reason?: string }) => c.reason === 'Unschedulable') ? pods[0] : undefined;
  }, 10_000, 'the second pod to be unschedulable');
  expect(pending.status.phase).toBe('Pending');
  expect(pending.status.conditions).toContainEqual(expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: expect.stringContaining('Insufficient nvidia.com/gpu') }));
  expect(await call('GET', `${PODS}/${pending.metadata.name}/log?follow=true`)).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });
  // The first one's image cannot be pulled; deleting it frees its GPU.
  await call('DELETE', `${JOBS}/hog?propagationPolicy=Background`);
  await eventually(async () => {
    const pods = (await call('GET', `${PODS}?labelSelector=${encodeURIComponent('job-name=waits')}`)).body.items;
    return pods[0]?.spec?.nodeName ? true : undefined;
  }, 10_000, 'the waiting pod to be scheduled');
  await call('DELETE', `${JOBS}/waits?propagationPolicy=Background`);
});

it('deletes dependents with propagation Background and orphans them by default', async () => {
  const owner = (await call('POST', JOBS, job('owner', 'unknown:1'))).body;
  const ownerRef = { apiVersion: 'batch/v1', kind: 'Job', name: 'owner', uid: owner.metadata.uid, controller: true };
  await call('POST', SECRETS, { metadata: { name: 'owned', ownerReferences: [ownerRef] }, data: { a: 'eA==' } });
  await eventually(async () => ((await call('GET', `${PODS}?labelSelector=job-name%3Downer`)).body.items.length === 1 ? true : undefined), 10_000, 'the pod');
  await call('DELETE', `${JOBS}/owner?propagationPolicy=Background`);
  await eventually(async () => ((await call('GET', `${SECRETS}/owned`)).status === 404 ? true : undefined), 10_000, 'the Secret to be collected');
  await eventually(async () => ((await call('GET', `${PODS}?labelSelector=job-name%3Downer`)).body.items.length === 0 ? true : undefined), 10_000, 'the pod to be collected');

  const orphaning = (await call('POST', JOBS, job('orphaning', 'unknown:1'))).body;
  await call('POST', SECRETS, { metadata: { name: 'orphan', ownerReferences: [{ ...ownerRef, name: 'orphaning', uid: orphaning.metadata.uid }] }, data: { a: 'eA==' } });
  await call('DELETE', `${JOBS}/orphaning`);
  const orphan = await call('GET', `${SECRETS}/orphan`);
  expect(orphan.status).toBe(200);
  expect(orphan.body.metadata.ownerReferences).toBeUndefined();
  await call('DELETE', `${SECRETS}/orphan`);
  await call('DELETE', `${PODS}/${(await call('GET', `${PODS}?labelSelector=job-name%3Dorphaning`)).body.items[0].metadata.name}`);
});

it('watches from a resourceVersion, with a resourceVersion on every event, and answers 410 Expired once it is compacted', async () => {
  const list = await call('GET', `${SECRETS}?labelSelector=w%3D1`);
  const from = list.body.metadata.resourceVersion as string;
  await call('POST', SECRETS, { metadata: { name: 'w1', labels: { w: '1' } }, data: {} });
  await call('POST', SECRETS, { metadata: { name: 'skipped', labels: { w: '2' } }, data: {} });
  await call('DELETE', `${SECRETS}/w1`);
  const events = await watchEvents(`${SECRETS}?watch=true&labelSelector=w%3D1&resourceVersion=${from}`, 2);
  expect(events.map((e) => [e.type, e.object.metadata?.name])).toEqual([
    ['ADDED', 'w1'],
    ['DELETED', 'w1'],
  ]);
  const versions = events.map((e) => Number(e.object.metadata?.resourceVersion));
  expect(versions[0]).toBeGreaterThan(Number(from));
  expect(versions[1]).toBeGreaterThan(versions[0]!);

  fake.expireWatches();
  const expired = await watchEvents(`${SECRETS}?watch=true&resourceVersion=${from}`, 1);
  expect(expired).toEqual([{ type: 'ERROR', object: expect.objectContaining({ kind: 'Status', reason: 'Expired', code: 410 }) }]);
  await call('DELETE', `${SECRETS}/skipped`);
});
