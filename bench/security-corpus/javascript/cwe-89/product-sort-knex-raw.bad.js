const express = require('express');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

const app = express();

app.get('/api/products', async (req, res) => {
  const opts = { sort: req.query.sort || 'name', dir: 'asc' };
  if (req.query.desc === '1') {
    opts.dir = 'desc';
  }
  const result = await knex.raw(`SELECT id, name, price FROM products ORDER BY ${opts.sort} ${opts.dir}`);
  res.json(result.rows);
});

app.listen(3000);
