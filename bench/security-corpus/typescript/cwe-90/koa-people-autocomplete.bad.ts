import Router from '@koa/router';
import { Client } from 'ldapts';

const router = new Router();
const client = new Client({ url: process.env.LDAP_URL ?? 'ldaps://ldap.internal' });

router.get('/people/autocomplete', async (ctx) => {
  const term = String(ctx.query.term ?? '').toLowerCase();
  const clauses = [`(cn=${term}*)`, `(sn=${term}*)`, `(mail=${term}*)`];
  const filter = `(|${clauses.join('')})`;
  const { searchEntries } = await client.search('ou=people,dc=corp,dc=example', { scope: 'sub', filter, sizeLimit: 20 });
  ctx.body = searchEntries.map((e) => ({ dn: e.dn, cn: e.cn }));
});

export default router;
