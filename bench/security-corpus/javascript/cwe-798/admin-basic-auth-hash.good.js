const express = require('express');
const basicAuth = require('basic-auth');
const bcrypt = require('bcrypt');

const router = express.Router();
const ADMIN_USER = process.env.ADMIN_USER;
const ADMIN_HASH = process.env.ADMIN_PASSWORD_HASH;

router.use('/admin', async (req, res, next) => {
  const creds = basicAuth(req);
  if (creds && creds.name === ADMIN_USER && (await bcrypt.compare(creds.pass, ADMIN_HASH))) {
    return next();
  }
  res.set('WWW-Authenticate', 'Basic realm="admin"');
  res.status(401).send('Authentication required');
});

module.exports = router;
