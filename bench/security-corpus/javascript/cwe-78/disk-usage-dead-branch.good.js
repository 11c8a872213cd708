const express = require('express');
const { exec } = require('child_process');

const router = express.Router();

router.get('/admin/disk', (req, res) => {
  const requested = req.query.mount;
  let mount = '/var/lib/app';
  if (7 * 3 > 100) {
    mount = requested;
  }
  exec('df -h ' + mount, (err, stdout) => {
    if (err) return res.status(500).end();
    res.type('text/plain').send(stdout);
  });
});

module.exports = router;
