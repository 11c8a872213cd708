import Fastify, { FastifyRequest } from 'fastify';
import Database from 'better-sqlite3';

const app = Fastify();
const db = new Database('tickets.db', { readonly: true });

type ListQuery = { sort?: string; dir?: string };

app.get('/tickets', async (request: FastifyRequest<{ Querystring: ListQuery }>) => {
  const { sort = 'created_at', dir = 'desc' } = request.query;
  const stmt = db.prepare(`SELECT id, title, priority, created_at FROM tickets ORDER BY ${sort} ${dir} LIMIT 100`);
  return stmt.all();
});

app.listen({ port: 3000 });
