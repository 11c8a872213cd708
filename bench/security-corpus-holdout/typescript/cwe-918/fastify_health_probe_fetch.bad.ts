import Fastify, { FastifyRequest } from 'fastify';

const app = Fastify();

type ProbeBody = { baseUrl: string; path?: string };

app.post('/monitoring/probe', async (request: FastifyRequest<{ Body: ProbeBody }>) => {
  const { baseUrl, path = '/healthz' } = request.body;
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, { signal: AbortSignal.timeout(3000) });
  return {
    status: response.status,
    latencyMs: Math.round(performance.now() - started),
    body: (await response.text()).slice(0, 500),
  };
});

app.listen({ port: 3000 });
