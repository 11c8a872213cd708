const express = require('express');
const { completeSso } = require('./sso');

const router = express.Router();

router.get('/sso/callback', async (req, res) => {
  const user = await completeSso(req.query.code);
  req.session.userId = user.id;
  const returnUrl = req.query.returnUrl || '/';
  res.redirect(302, returnUrl);
});

module.exports = router;
