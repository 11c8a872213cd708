const Router = require('@koa/router');
const ldap = require('ldapjs');

const router = new Router();
const client = ldap.createClient({ url: process.env.LDAP_URL });
const GROUP_NAME = /^[a-z0-9_-]{1,40}$/;

router.get('/groups/members', async (ctx) => {
  const group = String(ctx.query.group || '');
  if (!GROUP_NAME.test(group)) {
    ctx.status = 400;
    return;
  }
  const filter = `(&(objectClass=groupOfNames)(cn=${group}))`;
  const members = await new Promise((resolve, reject) => {
    client.search('ou=groups,dc=example,dc=com', { filter, scope: 'one', attributes: ['member'] }, (err, search) => {
      if (err) return reject(err);
      const out = [];
      search.on('searchEntry', (e) => out.push(...[].concat(e.object.member || [])));
      search.on('end', () => resolve(out));
    });
  });
  ctx.body = members;
});

module.exports = router;
