const Router = require('@koa/router');
const libxmljs = require('libxmljs');

const router = new Router();

router.post('/sso/metadata', async (ctx) => {
  const { metadata } = ctx.request.body;
  let doc;
  if (metadata.startsWith('<?xml')) {
    doc = libxmljs.parseXml(metadata, { noent: true });
  } else {
    ctx.status = 415;
    return;
  }
  const entity = doc.root().attr('entityID');
  ctx.body = { entityId: entity ? entity.value() : null };
});

module.exports = router;
