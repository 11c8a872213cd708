const Router = require('@koa/router');
const libxmljs = require('libxmljs2');

const router = new Router();

router.post('/saml/acs', async (ctx) => {
  const encoded = ctx.request.body.SAMLResponse;
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  const doc = libxmljs.parseXmlString(xml, { noent: true });
  const nameId = doc.get('//*[local-name()="NameID"]');
  ctx.body = { subject: nameId ? nameId.text() : null };
});

module.exports = router;
