const Router = require('@koa/router');
const fs = require('fs/promises');

const router = new Router();

router.get('/admin/email-preview', async (ctx) => {
  const tpl = ctx.query.template || 'welcome';
  try {
    const markup = await fs.readFile(`./templates/email/${tpl}.html`, 'utf8');
    ctx.type = 'text/plain';
    ctx.body = markup;
  } catch (e) {
    ctx.status = 404;
  }
});

module.exports = router;
