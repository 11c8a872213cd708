import Fastify, { FastifyRequest } from 'fastify';
import Database from 'better-sqlite3';

const app = Fastify();
const db = new Database('tickets.db', { readonly: true });

type ListQuery = { sort?: string; dir?: string };

function orderColumn(sort: string | undefined): string {
  switch (sort) {
    case 'priority':
      return 'priority';
    case 'title':
      return 'title';
    default:
      return 'created_at';
  }
}

app.get('/tickets', async (request: FastifyRequest<{ Querystring: ListQuery }>) => {
  const { sort, dir } = request.query;
  const direction = dir === 'asc' ? 'ASC' : 'DESC';
  const stmt = db.prepare(`SELECT id, title, priority, created_at FROM tickets ORDER BY ${orderColumn(sort)} ${direction} LIMIT 100`);
  return stmt.all();
});

app.listen({ port: 3000 });
