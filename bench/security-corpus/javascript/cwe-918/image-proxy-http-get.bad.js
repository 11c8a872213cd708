const express = require('express');
const http = require('http');
const https = require('https');

const router = express.Router();

router.get('/image-proxy', (req, res) => {
  const src = req.query.src;
  let target;
  if (src.startsWith('http')) {
    target = src;
  } else {
    target = 'https://cdn.example.com/' + src;
  }
  const client = target.startsWith('https') ? https : http;
  client.get(target, (upstream) => {
    res.set('Content-Type', upstream.headers['content-type'] || 'application/octet-stream');
    upstream.pipe(res);
  }).on('error', () => res.status(502).end());
});

module.exports = router;
