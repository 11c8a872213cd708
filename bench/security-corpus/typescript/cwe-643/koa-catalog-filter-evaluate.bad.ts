import Router from '@koa/router';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { catalogXml } from '../data/catalog';

const router = new Router();

router.post('/catalog/filter', async (ctx) => {
  const { brand, maxPrice } = ctx.request.body as { brand?: string; maxPrice?: number };
  const conditions: string[] = [];
  if (brand) conditions.push(`brand="${brand}"`);
  if (typeof maxPrice === 'number') conditions.push(`price <= ${maxPrice}`);
  const expr = `//item${conditions.length ? `[${conditions.join(' and ')}]` : ''}/@sku`;
  const doc = new DOMParser().parseFromString(catalogXml, 'text/xml');
  const result = xpath.evaluate(expr, doc, null, xpath.XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  const skus: string[] = [];
  for (let i = 0; i < result.snapshotLength; i++) skus.push(String(result.snapshotItem(i)?.nodeValue));
  ctx.body = skus;
});

export default router;
