import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { randomUUID } from 'node:crypto';
import { startSession } from './sessions';

const app = Fastify();
app.register(cookie);

app.post('/session', async (request, reply) => {
  const sid = randomUUID();
  await startSession(sid, request.ip);
  reply.setCookie('sid', sid, { path: '/', httpOnly: true, secure: false, sameSite: 'strict' });
  return { started: true };
});

app.listen({ port: 3000 });
