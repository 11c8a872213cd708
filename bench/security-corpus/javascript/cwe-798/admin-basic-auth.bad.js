const express = require('express');
const basicAuth = require('basic-auth');

const router = express.Router();

router.use('/admin', (req, res, next) => {
  const creds = basicAuth(req);
  if (creds && creds.name === 'admin' && creds.pass === 'Adm1nPanel!') {
    return next();
  }
  res.set('WWW-Authenticate', 'Basic realm="admin"');
  res.status(401).send('Authentication required');
});

module.exports = router;
