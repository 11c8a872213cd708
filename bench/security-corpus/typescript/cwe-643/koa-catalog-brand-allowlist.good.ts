import Router from '@koa/router';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { catalogXml } from '../data/catalog';

const router = new Router();
const BRANDS = new Set(['acme', 'globex', 'initech']);

router.post('/catalog/filter', async (ctx) => {
  const { brand } = ctx.request.body as { brand?: string };
  const normalized = String(brand ?? '').toLowerCase();
  if (!BRANDS.has(normalized)) {
    ctx.status = 400;
    return;
  }
  const doc = new DOMParser().parseFromString(catalogXml, 'text/xml');
  const nodes = xpath.select(`//item[brand="${normalized}"]/@sku`, doc) as Attr[];
  ctx.body = nodes.map((n) => n.value);
});

export default router;
