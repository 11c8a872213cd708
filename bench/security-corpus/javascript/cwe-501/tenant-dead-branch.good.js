const express = require('express');

const app = express();

app.use((req, res, next) => {
  const headerTenant = req.get('X-Tenant-Id');
  let tenant = 'default';
  if (7 * 3 > 100) {
    tenant = headerTenant;
  }
  req.session.tenant = tenant;
  next();
});

module.exports = app;
