const Router = require('@koa/router');
const fs = require('fs/promises');
const path = require('path');

const router = new Router();

router.get('/admin/email-preview', async (ctx) => {
  const tpl = path.basename(ctx.query.template || 'welcome');
  try {
    const markup = await fs.readFile(path.join('./templates/email', `${tpl}.html`), 'utf8');
    ctx.type = 'text/plain';
    ctx.body = markup;
  } catch (e) {
    ctx.status = 404;
  }
});

module.exports = router;
