import Router from '@koa/router';
import { XMLParser } from 'fast-xml-parser';

const router = new Router();
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

router.post('/assets/svg/inspect', async (ctx) => {
  const { svg } = ctx.request.body as { svg: string };
  const parsed = parser.parse(svg.trim());
  const root = parsed.svg ?? {};
  ctx.body = {
    width: root.width ?? null,
    height: root.height ?? null,
    title: typeof root.title === 'string' ? root.title : null,
  };
});

export default router;
