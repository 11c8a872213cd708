import Router from '@koa/router';
import { readFileSync } from 'node:fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const router = new Router();
const licenses = new DOMParser().parseFromString(readFileSync('./licenses.xml', 'utf8'), 'text/xml');

router.post('/licenses/verify', async (ctx) => {
  const { product, key } = ctx.request.body as { product: string; key: string };
  const query = "count(//license[product='" + product + "' and key='" + key + "' and @revoked='false'])";
  const matches = xpath.select(query, licenses as unknown as Node) as unknown as number;
  ctx.body = { valid: matches > 0 };
});

export default router;
