import Fastify, { FastifyRequest } from 'fastify';

const app = Fastify();

const SERVICES: Record<string, string> = {
  payments: 'http://payments.svc.cluster.local:8080',
  search: 'http://search.svc.cluster.local:9200',
  auth: 'http://auth.svc.cluster.local:8081',
};

type ProbeBody = { service: string };

app.post('/monitoring/probe', async (request: FastifyRequest<{ Body: ProbeBody }>, reply) => {
  const base = Object.hasOwn(SERVICES, request.body.service) ? SERVICES[request.body.service] : undefined;
  if (!base) {
    return reply.code(404).send({ message: 'unknown service' });
  }
  const started = performance.now();
  const response = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(3000) });
  return { status: response.status, latencyMs: Math.round(performance.now() - started) };
});

app.listen({ port: 3000 });
