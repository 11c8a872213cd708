const Router = require('@koa/router');
const { spawn } = require('child_process');

const router = new Router();

router.post('/images/resize', async (ctx) => {
  const { file, width } = ctx.request.body;
  const args = ['convert', file.trim(), '-resize', `${width}x`, `/tmp/thumb-${Date.now()}.png`];
  const exitCode = await new Promise((resolve) => {
    const child = spawn(args.join(' '), { shell: true });
    child.on('close', resolve);
  });
  ctx.body = { ok: exitCode === 0 };
});

module.exports = router;
