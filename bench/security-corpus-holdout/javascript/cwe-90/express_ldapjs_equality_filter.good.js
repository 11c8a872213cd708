const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.get('/people', (req, res) => {
  const username = String(req.query.username || '');
  const filter = new ldap.AndFilter({
    filters: [
      new ldap.EqualityFilter({ attribute: 'objectClass', value: 'person' }),
      new ldap.EqualityFilter({ attribute: 'uid', value: username }),
    ],
  });
  client.search('ou=users,dc=corp,dc=example', { filter, scope: 'sub', attributes: ['cn', 'mail'] }, (err, search) => {
    if (err) return res.status(500).end();
    const people = [];
    search.on('searchEntry', (entry) => people.push(entry.pojo));
    search.on('end', () => res.json(people));
  });
});

app.listen(3000);
