import Router from '@koa/router';
import libxmljs from 'libxmljs';

const router = new Router();

const parserOptions = { noent: true, huge: true, noblanks: true };

router.post('/assets/svg/inspect', async (ctx) => {
  const { svg } = ctx.request.body as { svg: string };
  const source = svg.trim();
  const doc = libxmljs.parseXml(source, parserOptions);
  const root = doc.root();
  ctx.body = {
    width: root?.attr('width')?.value() ?? null,
    height: root?.attr('height')?.value() ?? null,
    title: doc.get('//*[local-name()="title"]')?.text() ?? null,
  };
});

export default router;
