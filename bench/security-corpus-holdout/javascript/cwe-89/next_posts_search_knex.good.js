import { db } from '../../../lib/knex';

export default async function handler(req, res) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).end();
  }
  const term = req.query.term ?? '';
  const rows = await db('posts')
    .select('id', 'title', 'slug')
    .whereILike('title', `%${term}%`)
    .orderBy('published_at', 'desc')
    .limit(20);
  res.status(200).json({ posts: rows });
}
