import Router from '@koa/router';

const router = new Router();
const SUPPORTED = ['en', 'de', 'fr', 'es'];

router.post('/settings/locale', async (ctx) => {
  const { locale } = ctx.request.body as { locale?: string };
  const chosen = SUPPORTED.includes(String(locale)) ? String(locale) : 'en';
  ctx.cookies.set('locale', chosen, { httpOnly: false, sameSite: 'lax', maxAge: 365 * 86400000 });
  ctx.body = { locale: chosen };
});

export default router;
