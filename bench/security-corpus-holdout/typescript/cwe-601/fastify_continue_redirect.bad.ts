import Fastify, { FastifyReply, FastifyRequest } from 'fastify';

const app = Fastify();

app.get('/consent/accept', async (request: FastifyRequest<{ Querystring: { continue?: string } }>, reply: FastifyReply) => {
  const destination = request.query.continue;
  reply.header('Set-Cookie', 'consent=1; Path=/; Secure; SameSite=Lax');
  return reply.redirect(destination ?? '/');
});

app.listen({ port: 3000 });
