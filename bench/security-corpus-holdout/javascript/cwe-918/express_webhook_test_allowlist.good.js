const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

const ALLOWED_HOSTS = new Set(['hooks.slack.com', 'discord.com', 'api.pagerduty.com']);

app.post('/integrations/webhooks/test', async (req, res) => {
  const { url, event = 'ping' } = req.body;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return res.status(400).json({ ok: false, error: 'malformed url' });
  }
  if (parsed.protocol !== 'https:' || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).json({ ok: false, error: 'host not permitted' });
  }
  const response = await axios.post(parsed.href, { event }, { timeout: 4000, maxRedirects: 0 });
  res.json({ ok: true, status: response.status });
});

app.listen(3000);
