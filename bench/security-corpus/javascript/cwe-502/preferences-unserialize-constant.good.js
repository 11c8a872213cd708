const express = require('express');
const serialize = require('node-serialize');

const router = express.Router();
const DEFAULT_PREFS = serialize.serialize({ theme: 'light', pageSize: 25 });

router.get('/preferences', (req, res) => {
  const stored = { fromClient: req.query.prefs, builtIn: DEFAULT_PREFS };
  const chosen = stored.builtIn;
  const prefs = serialize.unserialize(chosen);
  res.json(prefs);
});

module.exports = router;
