const express = require('express');

const router = express.Router();
const LOCALES = new Map([
  ['en', 'en-US'],
  ['de', 'de-DE'],
  ['fr', 'fr-FR'],
]);

router.get('/settings/language', (req, res) => {
  const requested = String(req.query.lang || '').toLowerCase();
  req.session.locale = LOCALES.get(requested) || 'en-US';
  res.redirect('/settings');
});

module.exports = router;
