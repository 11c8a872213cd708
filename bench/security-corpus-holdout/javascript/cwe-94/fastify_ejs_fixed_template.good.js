const fastify = require('fastify')();
const ejs = require('ejs');

const TEMPLATE = '<h1><%= inviter %> invited you to join <%= team %></h1><a href="/signup">Accept</a>';

fastify.get('/invite', async (request, reply) => {
  const { inviter = 'A friend', team = 'our team' } = request.query;
  const html = ejs.render(TEMPLATE, { inviter, team });
  reply.type('text/html').send(html);
});

fastify.listen({ port: 3000 });
