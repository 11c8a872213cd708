import express, { Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool();
const app = express();

app.get('/reports/revenue', async (req: Request, res: Response) => {
  const year = Number(req.query.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    return res.status(400).json({ error: 'year must be a four-digit number' });
  }
  const { rows } = await pool.query(
    `SELECT date_trunc('month', paid_at) AS month, sum(amount) AS total FROM payments WHERE extract(year FROM paid_at) = ${year} GROUP BY 1 ORDER BY 1`
  );
  res.json(rows);
});

export default app;
