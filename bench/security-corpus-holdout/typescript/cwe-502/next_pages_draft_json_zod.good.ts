import type { NextApiRequest, NextApiResponse } from 'next';
import { z } from 'zod';
import { saveDraft } from '@/lib/drafts';

const Draft = z.object({ title: z.string().max(200), blocks: z.array(z.unknown()) });

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const blob = req.body.state as string;
  const parsed = Draft.safeParse(JSON.parse(blob));
  if (!parsed.success) {
    return res.status(422).json({ issues: parsed.error.issues });
  }
  const id = await saveDraft(parsed.data.title, parsed.data.blocks);
  res.status(201).json({ id });
}
