const express = require('express');
const axios = require('axios');

const app = express();
app.use(express.json());

app.post('/integrations/webhooks/test', async (req, res) => {
  const { url, event = 'ping' } = req.body;
  try {
    const started = Date.now();
    const response = await axios.post(url, { event, sentAt: new Date().toISOString() }, { timeout: 4000 });
    res.json({ ok: true, status: response.status, ms: Date.now() - started, body: response.data });
  } catch (err) {
    res.status(502).json({ ok: false, error: err.message });
  }
});

app.listen(3000);
