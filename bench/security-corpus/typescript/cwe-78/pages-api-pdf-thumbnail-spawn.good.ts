import type { NextApiRequest, NextApiResponse } from 'next';
import { spawnSync } from 'child_process';
import path from 'path';

const UPLOADS = '/srv/uploads';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { file, page } = req.body as { file: string; page?: string };
  const source = path.join(UPLOADS, path.basename(file));
  const pageIndex = Number.parseInt(page ?? '0', 10) || 0;
  const output = `/tmp/thumb-${Date.now()}.png`;
  const result = spawnSync('convert', ['-density', '96', `${source}[${pageIndex}]`, output]);
  res.status(result.status === 0 ? 200 : 500).json({ thumbnail: output });
}
