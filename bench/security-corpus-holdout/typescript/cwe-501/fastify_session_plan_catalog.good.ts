import Fastify, { FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';

declare module 'fastify' {
  interface Session {
    plan?: string;
    seats?: number;
  }
}

const PLANS: Record<string, { id: string; maxSeats: number }> = {
  starter: { id: 'plan_starter_v3', maxSeats: 5 },
  team: { id: 'plan_team_v3', maxSeats: 50 },
};

const app = Fastify();
app.register(fastifyCookie);
app.register(fastifySession, { secret: process.env.SESSION_SECRET! });

app.post('/checkout/plan', async (request: FastifyRequest<{ Body: { plan: string } }>, reply) => {
  const chosen = Object.hasOwn(PLANS, request.body.plan) ? PLANS[request.body.plan] : undefined;
  if (!chosen) return reply.code(400).send({ message: 'unknown plan' });
  request.session.plan = chosen.id;
  request.session.seats = chosen.maxSeats;
  return { next: '/checkout/payment' };
});

app.listen({ port: 3000 });
