import Router from '@koa/router';
import { spawn } from 'child_process';

const router = new Router();

interface TranscodeJob {
  input: string;
  bitrate: string;
}

router.post('/media/transcode', async (ctx) => {
  const job = ctx.request.body as TranscodeJob;
  const script = `ffmpeg -y -i /media/in/${job.input} -b:a ${job.bitrate} /media/out/${Date.now()}.mp3`;
  const proc = spawn('bash', ['-c', script]);
  const code: number = await new Promise((resolve) => proc.on('exit', (c) => resolve(c ?? 1)));
  ctx.body = { ok: code === 0 };
});

export default router;
