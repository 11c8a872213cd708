const express = require('express');
const serialize = require('serialize-javascript');

const router = express.Router();

router.get('/wizard', (req, res) => {
  const state = { step: 1, validate: (v) => v.length > 0 };
  res.render('wizard', { state: serialize(state) });
});

router.post('/wizard/resume', express.urlencoded({ extended: false }), (req, res) => {
  const encoded = req.body.state;
  const state = eval('(' + encoded + ')');
  res.render('wizard', { step: state.step + 1, state: serialize(state) });
});

module.exports = router;
