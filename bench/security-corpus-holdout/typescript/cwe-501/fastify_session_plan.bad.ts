import Fastify, { FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';

declare module 'fastify' {
  interface Session {
    plan?: string;
    seats?: number;
  }
}

const app = Fastify();
app.register(fastifyCookie);
app.register(fastifySession, { secret: process.env.SESSION_SECRET! });

app.post('/checkout/plan', async (request: FastifyRequest<{ Body: { plan: string; seats: number } }>) => {
  const { plan, seats } = request.body;
  request.session.plan = plan;
  request.session.seats = seats;
  return { next: '/checkout/payment' };
});

app.listen({ port: 3000 });
