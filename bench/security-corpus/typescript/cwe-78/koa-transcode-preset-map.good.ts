import Router from '@koa/router';
import { exec } from 'child_process';

const router = new Router();

const PRESETS: Record<string, string> = {
  low: 'ffmpeg -y -i /media/in/current.wav -b:a 96k /media/out/low.mp3',
  high: 'ffmpeg -y -i /media/in/current.wav -b:a 256k /media/out/high.mp3',
};

router.post('/media/transcode', async (ctx) => {
  const { quality } = ctx.request.body as { quality: string };
  const command = Object.prototype.hasOwnProperty.call(PRESETS, quality) ? PRESETS[quality] : PRESETS.low;
  const code: number = await new Promise((resolve) => {
    exec(command, (err) => resolve(err ? 1 : 0));
  });
  ctx.body = { ok: code === 0 };
});

export default router;
