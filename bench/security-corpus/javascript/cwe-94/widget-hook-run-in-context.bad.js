const vm = require('vm');
const express = require('express');

const app = express();
const hooks = [];

app.post('/widgets/hooks', express.json(), (req, res) => {
  const job = { name: req.body.name, source: req.body.source };
  hooks.push(job.name);
  const wrapped = `(function () { ${job.source} })()`;
  const output = vm.runInThisContext(wrapped, { timeout: 1000 });
  res.json({ registered: hooks.length, output });
});

app.listen(3000);
