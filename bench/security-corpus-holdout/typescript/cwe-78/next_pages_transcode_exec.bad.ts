import type { NextApiRequest, NextApiResponse } from 'next';
import { exec } from 'child_process';
import { promisify } from 'util';

const run = promisify(exec);

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { input, bitrate } = req.body as { input: string; bitrate?: string };
  const outFile = `/tmp/out-${Date.now()}.mp3`;
  const command = 'ffmpeg -y -i /media/incoming/' + input + ' -b:a ' + (bitrate || '128k') + ' ' + outFile;
  const { stderr } = await run(command);
  res.status(200).json({ file: outFile, log: stderr.split('\n').slice(-3) });
}
