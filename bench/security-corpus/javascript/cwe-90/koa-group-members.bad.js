const Router = require('@koa/router');
const ldap = require('ldapjs');

const router = new Router();
const client = ldap.createClient({ url: process.env.LDAP_URL });

router.get('/groups/members', async (ctx) => {
  const parts = ['(objectClass=groupOfNames)'];
  parts.push(`(cn=${ctx.query.group})`);
  const filter = `(&${parts.join('')})`;
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
