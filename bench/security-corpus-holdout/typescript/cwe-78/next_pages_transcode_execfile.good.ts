import type { NextApiRequest, NextApiResponse } from 'next';
import { execFile } from 'child_process';
import path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const BITRATES = ['64k', '128k', '192k', '320k'];

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { input, bitrate } = req.body as { input: string; bitrate?: string };
  const source = path.join('/media/incoming', path.basename(input));
  const rate = BITRATES.includes(bitrate ?? '') ? bitrate! : '128k';
  const outFile = `/tmp/out-${Date.now()}.mp3`;
  const { stderr } = await run('ffmpeg', ['-y', '-i', source, '-b:a', rate, outFile]);
  res.status(200).json({ file: outFile, log: stderr.split('\n').slice(-3) });
}
