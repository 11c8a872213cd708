const Koa = require('koa');
const session = require('koa-session');

const app = new Koa();
app.keys = [process.env.COOKIE_KEY];
app.use(session(app));

const LOCALES = { en: 'en-US', de: 'de-DE', fr: 'fr-FR', ja: 'ja-JP' };

app.use(async (ctx, next) => {
  if (ctx.path === '/locale') {
    const lang = String(ctx.query.lang);
    ctx.session.locale = Object.hasOwn(LOCALES, lang) ? LOCALES[lang] : 'en-US';
    ctx.body = { locale: ctx.session.locale };
    return;
  }
  await next();
});

app.listen(3000);
