const express = require('express');
const ldap = require('ldapjs');

const app = express();
app.use(express.json());
const client = ldap.createClient({ url: 'ldaps://ldap.internal.example.com' });

app.post('/password/forgot', (req, res) => {
  const email = req.body.email.trim();
  const filter = new ldap.AndFilter({
    filters: [
      new ldap.EqualityFilter({ attribute: 'objectClass', value: 'inetOrgPerson' }),
      new ldap.EqualityFilter({ attribute: 'mail', value: email }),
    ],
  });
  client.search('dc=example,dc=com', { scope: 'sub', filter }, (err, search) => {
    if (err) return res.status(500).end();
    let found = 0;
    search.on('searchEntry', () => { found += 1; });
    search.on('end', () => res.json({ sent: found > 0 }));
  });
});

app.listen(3000);
