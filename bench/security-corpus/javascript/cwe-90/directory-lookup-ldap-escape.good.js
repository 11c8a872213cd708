const express = require('express');
const ldap = require('ldapjs');
const ldapEscape = require('ldap-escape');

const router = express.Router();
const client = ldap.createClient({ url: process.env.LDAP_URL });

router.get('/directory/user', (req, res) => {
  const username = req.query.username;
  const opts = { scope: 'sub', attributes: ['cn', 'mail', 'title'] };
  opts.filter = ldapEscape.filter`(uid=${username})`;
  client.search('ou=people,dc=example,dc=com', opts, (err, search) => {
    if (err) return res.status(500).end();
    const entries = [];
    search.on('searchEntry', (entry) => entries.push(entry.object));
    search.on('end', () => res.json(entries));
  });
});

module.exports = router;
