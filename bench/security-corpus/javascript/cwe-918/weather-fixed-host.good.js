const express = require('express');

const app = express();

app.get('/api/weather', async (req, res) => {
  const city = String(req.query.city || '').trim();
  const url = `https://api.weather.example.com/v2/current?city=${encodeURIComponent(city)}&units=metric`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return res.status(502).json({ error: 'weather service unavailable' });
  }
  res.json(await response.json());
});

app.listen(3000);
