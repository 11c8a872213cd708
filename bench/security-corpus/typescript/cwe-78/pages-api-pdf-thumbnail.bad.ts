import type { NextApiRequest, NextApiResponse } from 'next';
import { execSync } from 'child_process';
import path from 'path';

const UPLOADS = '/srv/uploads';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { file, page } = req.body as { file: string; page?: string };
  const source = path.join(UPLOADS, file);
  const output = `/tmp/thumb-${Date.now()}.png`;
  const command = 'convert -density 96 "' + source + '[' + (page || '0') + ']" ' + output;
  execSync(command);
  res.status(200).json({ thumbnail: output });
}
