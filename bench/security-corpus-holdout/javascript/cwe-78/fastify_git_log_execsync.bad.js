const fastify = require('fastify')({ logger: true });
const { execSync } = require('child_process');

fastify.get('/repos/:name/log', async (request, reply) => {
  const { name } = request.params;
  const { branch = 'main' } = request.query;
  try {
    const out = execSync('git -C /srv/repos/' + name + ' log --oneline -n 20 ' + branch).toString();
    return { commits: out.trim().split('\n') };
  } catch (e) {
    reply.code(404);
    return { error: 'repository not found' };
  }
});

fastify.listen({ port: 8080 });
