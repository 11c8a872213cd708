import { Router, Request, Response } from 'express';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
export const ordersRouter = Router();

ordersRouter.get('/orders/:id', async (req: Request, res: Response) => {
  const orderId: string = req.params.id;
  const sql = 'SELECT id, status, total FROM orders WHERE id = $1';
  const { rows } = await pool.query(sql, [orderId]);
  if (rows.length === 0) {
    return res.status(404).json({ error: 'not found' });
  }
  res.json(rows[0]);
});
