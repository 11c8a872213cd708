const Router = require('@koa/router');
const { Client } = require('ldapts');

const router = new Router();

router.get('/groups/:cn/members', async (ctx) => {
  const group = ctx.params.cn;
  const client = new Client({ url: 'ldaps://ldap.example.org' });
  try {
    await client.bind(process.env.LDAP_BIND_DN, process.env.LDAP_BIND_PW);
    const filter = '(&(objectClass=groupOfNames)(cn=' + group + '))';
    const { searchEntries } = await client.search('ou=groups,dc=example,dc=org', { scope: 'sub', filter, attributes: ['member'] });
    ctx.body = searchEntries.flatMap((e) => e.member || []);
  } finally {
    await client.unbind();
  }
});

module.exports = router;
