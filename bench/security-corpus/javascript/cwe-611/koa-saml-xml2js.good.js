const Router = require('@koa/router');
const xml2js = require('xml2js');

const router = new Router();

router.post('/sso/metadata', async (ctx) => {
  const { metadata } = ctx.request.body;
  if (!metadata.startsWith('<?xml')) {
    ctx.status = 415;
    return;
  }
  const doc = await xml2js.parseStringPromise(metadata, { explicitArray: false });
  const root = doc.EntityDescriptor || doc['md:EntityDescriptor'] || {};
  ctx.body = { entityId: root.$ ? root.$.entityID : null };
});

module.exports = router;
