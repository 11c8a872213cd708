const fastify = require('fastify')();

fastify.get('/tags', async (request, reply) => {
  let tags = request.query.tag || [];
  if (!Array.isArray(tags)) {
    tags = [tags];
  }
  let html = '<ul class="tags">';
  for (const t of tags) {
    html += `<li><a href="/tags/${encodeURIComponent(t)}">${t}</a></li>`;
  }
  html += '</ul>';
  return reply.type('text/html; charset=utf-8').send(html);
});

fastify.listen({ port: 3000 });
