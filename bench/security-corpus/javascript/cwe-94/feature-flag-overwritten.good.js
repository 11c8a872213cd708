const express = require('express');

const app = express();

app.get('/flags/evaluate', (req, res) => {
  let expr = req.query.expr;
  const defaults = ['user.beta === true', 'user.country === "NL"'];
  expr = defaults[0];
  const user = { beta: req.query.beta === '1', country: 'NL' };
  const enabled = eval(`(function (user) { return ${expr}; })`)(user);
  res.json({ enabled });
});

app.listen(3000);
