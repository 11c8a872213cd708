import type { NextApiRequest, NextApiResponse } from 'next';
import { unserialize } from 'node-serialize';
import { saveDraft } from '@/lib/drafts';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const blob = req.body.state as string;
  const state = unserialize(blob) as { title: string; blocks: unknown[] };
  const id = await saveDraft(state.title, state.blocks);
  res.status(201).json({ id });
}
