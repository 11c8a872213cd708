import { sequelize } from '../../../lib/db';

export default async function handler(req, res) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).end();
  }
  const term = req.query.term ?? '';
  const limit = 20;
  const [rows] = await sequelize.query(`SELECT id, title, slug FROM posts WHERE title ILIKE '%${term}%' ORDER BY published_at DESC LIMIT ${limit}`);
  res.status(200).json({ posts: rows });
}
