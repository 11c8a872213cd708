const express = require('express');
const crypto = require('crypto');
const { renderManifest } = require('../services/assets');

const router = express.Router();

router.get('/assets/manifest.json', async (req, res) => {
  const body = JSON.stringify(await renderManifest());
  const etag = '"' + crypto.createHash('md5').update(body).digest('hex') + '"';
  if (req.headers['if-none-match'] === etag) {
    return res.status(304).end();
  }
  res.set({ ETag: etag, 'Cache-Control': 'public, max-age=300' });
  res.type('application/json').send(body);
});

module.exports = router;
