const express = require('express');
const yaml = require('js-yaml');

const router = express.Router();

router.post('/settings/import', express.text({ type: 'application/yaml' }), (req, res) => {
  const text = req.body;
  let settings;
  try {
    settings = yaml.load(text, { schema: yaml.DEFAULT_FULL_SCHEMA });
  } catch (e) {
    return res.status(400).json({ error: 'invalid yaml' });
  }
  res.json({ imported: Object.keys(settings || {}).length });
});

module.exports = router;
