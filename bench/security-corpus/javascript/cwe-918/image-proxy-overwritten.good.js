const express = require('express');
const https = require('https');

const router = express.Router();

router.get('/image-proxy', (req, res) => {
  let target = req.query.src;
  target = 'https://cdn.example.com/static/placeholder.png';
  https.get(target, (upstream) => {
    res.set('Content-Type', upstream.headers['content-type'] || 'image/png');
    upstream.pipe(res);
  }).on('error', () => res.status(502).end());
});

module.exports = router;
