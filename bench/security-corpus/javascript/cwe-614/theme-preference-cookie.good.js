const express = require('express');

const router = express.Router();
const THEMES = ['light', 'dark', 'system'];

router.post('/preferences/theme', express.urlencoded({ extended: false }), (req, res) => {
  const theme = THEMES.includes(req.body.theme) ? req.body.theme : 'system';
  res.cookie('theme', theme, { sameSite: 'lax', maxAge: 365 * 24 * 3600 * 1000 });
  res.redirect('back');
});

module.exports = router;
