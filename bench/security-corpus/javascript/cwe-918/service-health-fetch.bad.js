const express = require('express');

const app = express();
app.use(express.json());

app.post('/admin/health-check', async (req, res) => {
  const host = req.body.host;
  const port = parseInt(req.body.port, 10) || 80;
  const endpoint = `http://${host}:${port}/health`;
  const started = Date.now();
  const response = await fetch(endpoint, { method: 'GET' });
  const body = await response.text();
  res.json({ status: response.status, ms: Date.now() - started, body: body.slice(0, 500) });
});

app.listen(3000);
