import type { NextApiRequest, NextApiResponse } from 'next';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const email = (req.query.email as string).trim().toLowerCase();
  const [rows] = await pool.execute('SELECT id, email, confirmed FROM subscribers WHERE email = ?', [email]);
  res.status(200).json(rows);
}
