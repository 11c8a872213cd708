const Router = require('@koa/router');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const { libraryXml } = require('../data/library');

const router = new Router();

router.get('/books', async (ctx) => {
  const filters = [];
  if (ctx.query.author) {
    filters.push(`author='${ctx.query.author}'`);
  }
  const expr = filters.length ? `//book[${filters.join(' and ')}]/title` : '//book/title';
  const doc = new DOMParser().parseFromString(libraryXml, 'text/xml');
  const result = xpath.evaluate(expr, doc, null, xpath.XPathResult.ORDERED_NODE_ITERATOR_TYPE, null);
  const titles = [];
  for (let n = result.iterateNext(); n; n = result.iterateNext()) titles.push(n.textContent);
  ctx.body = titles;
});

module.exports = router;
