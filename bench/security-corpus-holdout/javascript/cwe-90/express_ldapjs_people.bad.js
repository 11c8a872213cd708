const express = require('express');
const ldap = require('ldapjs');

const app = express();
const client = ldap.createClient({ url: process.env.LDAP_URL });

app.get('/people', (req, res) => {
  const username = req.query.username;
  const opts = { filter: `(&(objectClass=person)(uid=${username}))`, scope: 'sub', attributes: ['cn', 'mail'] };
  client.search('ou=users,dc=corp,dc=example', opts, (err, search) => {
    if (err) return res.status(500).end();
    const people = [];
    search.on('searchEntry', (entry) => people.push(entry.pojo));
    search.on('end', () => res.json(people));
  });
});

app.listen(3000);
