const fastify = require('fastify')({ logger: true });
const path = require('path');
const { spawnSync } = require('child_process');

const REF = /^[A-Za-z0-9][\w./-]{0,99}$/;

fastify.get('/repos/:name/log', async (request, reply) => {
  const { name } = request.params;
  const { branch = 'main' } = request.query;
  if (!REF.test(name) || !REF.test(branch) || name.includes('..')) {
    reply.code(400);
    return { error: 'invalid repository or branch' };
  }
  const repo = path.join('/srv/repos', name);
  const proc = spawnSync('git', ['-C', repo, 'log', '--oneline', '-n', '20', branch, '--'], { encoding: 'utf8' });
  if (proc.status !== 0) {
    reply.code(404);
    return { error: 'repository not found' };
  }
  return { commits: proc.stdout.trim().split('\n') };
});

fastify.listen({ port: 8080 });
