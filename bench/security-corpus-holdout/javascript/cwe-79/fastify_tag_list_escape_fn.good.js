const fastify = require('fastify')();

const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ENTITIES[c]);

fastify.get('/tags', async (request, reply) => {
  let tags = request.query.tag || [];
  if (!Array.isArray(tags)) {
    tags = [tags];
  }
  let html = '<ul class="tags">';
  for (const t of tags) {
    html += `<li><a href="/tags/${encodeURIComponent(t)}">${esc(t)}</a></li>`;
  }
  html += '</ul>';
  return reply.type('text/html; charset=utf-8').send(html);
});

fastify.listen({ port: 3000 });
