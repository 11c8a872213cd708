const express = require('express');

const router = express.Router();
const TIPS = [
  'Press ? to see keyboard shortcuts.',
  'You can drag files straight into a folder.',
  'Starred projects appear at the top of the sidebar.',
];

router.get('/api/tip', (req, res) => {
  const index = Math.floor(Math.random() * TIPS.length);
  res.set('Cache-Control', 'no-store');
  res.json({ tip: TIPS[index] });
});

module.exports = router;
