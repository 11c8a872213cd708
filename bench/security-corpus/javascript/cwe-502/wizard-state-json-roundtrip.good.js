const express = require('express');
const serialize = require('serialize-javascript');

const router = express.Router();

router.get('/wizard', (req, res) => {
  const state = { step: 1, answers: {} };
  res.render('wizard', { state: serialize(state, { isJSON: true }) });
});

router.post('/wizard/resume', express.urlencoded({ extended: false }), (req, res) => {
  const encoded = req.body.state;
  const state = JSON.parse(encoded);
  res.render('wizard', { step: Number(state.step) + 1, state: serialize(state, { isJSON: true }) });
});

module.exports = router;
