import type { NextApiRequest, NextApiResponse } from 'next';
import serialize from 'serialize-javascript';

type Snapshot = { version: number; filters: Record<string, string> };

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) {
    if (typeof value === 'string') filters[key] = value;
  }
  const snapshot: Snapshot = { version: 1, filters };
  res.setHeader('Content-Type', 'application/javascript');
  res.status(200).send(`window.__SNAPSHOT__ = ${serialize(snapshot, { isJSON: true })};`);
}
