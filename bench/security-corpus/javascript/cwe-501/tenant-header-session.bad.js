const express = require('express');

const app = express();

app.use((req, res, next) => {
  const headerTenant = req.get('X-Tenant-Id');
  let tenant;
  if (headerTenant) {
    tenant = headerTenant.trim().toLowerCase();
  } else {
    tenant = 'default';
  }
  req.session.tenant = tenant;
  next();
});

module.exports = app;
