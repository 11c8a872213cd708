const fastify = require('fastify')();
const ejs = require('ejs');

fastify.get('/invite', async (request, reply) => {
  const { inviter = 'A friend', team = 'our team' } = request.query;
  const template = '<h1>' + inviter + ' invited you to join <%= team %></h1><a href="/signup">Accept</a>';
  const html = ejs.render(template, { team });
  reply.type('text/html').send(html);
});

fastify.listen({ port: 3000 });
