const express = require('express');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

const app = express();
const SORTABLE = ['name', 'price', 'created_at'];

app.get('/api/products', async (req, res) => {
  const requested = req.query.sort;
  const sort = SORTABLE.includes(requested) ? requested : 'name';
  const dir = req.query.desc === '1' ? 'desc' : 'asc';
  const result = await knex.raw(`SELECT id, name, price FROM products ORDER BY ${sort} ${dir}`);
  res.json(result.rows);
});

app.listen(3000);
