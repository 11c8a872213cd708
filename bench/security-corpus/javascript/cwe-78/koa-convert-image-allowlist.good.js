const Router = require('@koa/router');
const { exec } = require('child_process');

const router = new Router();
const PRESETS = new Map([
  ['small', 'convert /srv/uploads/current.png -resize 320x /srv/thumbs/small.png'],
  ['medium', 'convert /srv/uploads/current.png -resize 800x /srv/thumbs/medium.png'],
]);

router.post('/images/resize', async (ctx) => {
  const preset = ctx.request.body.preset;
  const command = PRESETS.get(preset);
  if (!command) {
    ctx.status = 400;
    return;
  }
  const exitCode = await new Promise((resolve) => {
    exec(command, (err) => resolve(err ? 1 : 0));
  });
  ctx.body = { ok: exitCode === 0 };
});

module.exports = router;
