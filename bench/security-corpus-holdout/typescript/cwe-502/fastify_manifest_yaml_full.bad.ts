import Fastify from 'fastify';
import yaml from 'js-yaml';

const app = Fastify();
app.addContentTypeParser('application/yaml', { parseAs: 'string' }, (_req, body, done) => done(null, body));

app.post('/deployments/preview', async (request) => {
  const text = request.body as string;
  const manifest = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA }) as { services?: Record<string, unknown> };
  return { services: Object.keys(manifest.services ?? {}) };
});

app.listen({ port: 3000 });
