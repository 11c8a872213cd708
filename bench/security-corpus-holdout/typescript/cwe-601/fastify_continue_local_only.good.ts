import Fastify, { FastifyReply, FastifyRequest } from 'fastify';

const app = Fastify();
const LOCAL_PATH = /^\/(?![\/\\])[\w\-./?=&%]*$/;

app.get('/consent/accept', async (request: FastifyRequest<{ Querystring: { continue?: string } }>, reply: FastifyReply) => {
  const requested = request.query.continue ?? '/';
  const destination = LOCAL_PATH.test(requested) ? requested : '/';
  reply.header('Set-Cookie', 'consent=1; Path=/; Secure; SameSite=Lax');
  return reply.redirect(destination);
});

app.listen({ port: 3000 });
