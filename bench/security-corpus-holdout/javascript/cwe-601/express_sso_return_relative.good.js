const express = require('express');
const { completeSso } = require('./sso');

const router = express.Router();

function isLocalPath(p) {
  return typeof p === 'string' && p.startsWith('/') && !p.startsWith('//') && !p.startsWith('/\\');
}

router.get('/sso/callback', async (req, res) => {
  const user = await completeSso(req.query.code);
  req.session.userId = user.id;
  const returnUrl = isLocalPath(req.query.returnUrl) ? req.query.returnUrl : '/';
  res.redirect(302, returnUrl);
});

module.exports = router;
