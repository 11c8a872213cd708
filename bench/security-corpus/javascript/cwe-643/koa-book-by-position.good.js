const Router = require('@koa/router');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const { libraryXml } = require('../data/library');

const router = new Router();

router.get('/books/:index', async (ctx) => {
  const index = Number.parseInt(ctx.params.index, 10);
  if (!Number.isInteger(index) || index < 1) {
    ctx.status = 400;
    return;
  }
  const doc = new DOMParser().parseFromString(libraryXml, 'text/xml');
  const title = xpath.select1(`//book[${index}]/title/text()`, doc);
  ctx.body = { title: title ? title.nodeValue : null };
});

module.exports = router;
