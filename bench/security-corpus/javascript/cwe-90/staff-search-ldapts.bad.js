const express = require('express');
const { Client } = require('ldapts');

const router = express.Router();

router.get('/staff/search', async (req, res) => {
  const name = String(req.query.name || '').toLowerCase();
  const client = new Client({ url: process.env.LDAP_URL });
  try {
    const { searchEntries } = await client.search('ou=staff,dc=example,dc=com', { scope: 'sub', filter: '(cn=*' + name + '*)' });
    res.json(searchEntries.map((e) => ({ cn: e.cn, mail: e.mail })));
  } finally {
    await client.unbind();
  }
});

module.exports = router;
