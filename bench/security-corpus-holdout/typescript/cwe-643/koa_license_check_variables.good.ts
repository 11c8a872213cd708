import Router from '@koa/router';
import { readFileSync } from 'node:fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const router = new Router();
const licenses = new DOMParser().parseFromString(readFileSync('./licenses.xml', 'utf8'), 'text/xml');
const VERIFY = xpath.parse("count(//license[product=$product and key=$key and @revoked='false'])");

router.post('/licenses/verify', async (ctx) => {
  const { product, key } = ctx.request.body as { product: string; key: string };
  const matches = VERIFY.evaluateNumber({ node: licenses as unknown as Node, variables: { product: String(product), key: String(key) } });
  ctx.body = { valid: matches > 0 };
});

export default router;
