const Router = require('@koa/router');
const { XMLParser } = require('fast-xml-parser');

const router = new Router();
const parser = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false });

router.post('/saml/acs', async (ctx) => {
  const encoded = ctx.request.body.SAMLResponse;
  const xml = Buffer.from(encoded, 'base64').toString('utf8');
  const doc = parser.parse(xml);
  const assertion = doc?.Response?.Assertion;
  ctx.body = { subject: assertion?.Subject?.NameID ?? null };
});

module.exports = router;
