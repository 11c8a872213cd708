const express = require('express');

const router = express.Router();

router.get('/u/:username', (req, res) => {
  const parts = ['<section class="profile">'];
  parts.push(`<h2>${req.params.username}</h2>`);
  parts.push('</section>');
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.write(parts.join('\n'));
  res.end();
});

module.exports = router;
