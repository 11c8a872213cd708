import type { NextApiRequest, NextApiResponse } from 'next';
import serialize from 'serialize-javascript';

type Snapshot = { version: number; filters: Record<string, unknown> };

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method === 'GET') {
    const initial: Snapshot = { version: 1, filters: {} };
    return res.status(200).send(serialize(initial));
  }
  const snapshotText = String(req.body.snapshot);
  const snapshot = eval('(' + snapshotText + ')') as Snapshot;
  res.status(200).json({ version: snapshot.version + 1, filters: snapshot.filters });
}
