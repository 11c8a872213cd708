import type { NextApiRequest, NextApiResponse } from 'next';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.MYSQL_URL });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const email = (req.query.email as string).trim().toLowerCase();
  const parts: string[] = ['SELECT id, email, confirmed FROM subscribers'];
  parts.push(`WHERE email = '${email}'`);
  const [rows] = await pool.query(parts.join(' '));
  res.status(200).json(rows);
}
