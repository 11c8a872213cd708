const express = require('express');
const sanitizeHtml = require('sanitize-html');

const router = express.Router();

router.post('/comments/preview', express.urlencoded({ extended: false }), (req, res) => {
  const raw = req.body.comment || '';
  const clean = sanitizeHtml(raw, {
    allowedTags: ['b', 'i', 'em', 'strong', 'p'],
    allowedAttributes: {},
  });
  res.send(`<div class="comment-preview">${clean}</div>`);
});

module.exports = router;
