const express = require('express');
const path = require('path');
const { spawn } = require('child_process');

const router = express.Router();
const EXPORT_DIR = '/var/app/exports';

router.post('/exports/archive', (req, res) => {
  const { project } = req.body;
  const target = path.join(EXPORT_DIR, `${Date.now()}.tar.gz`);
  const child = spawn('tar', ['-czf', target, '--', path.join('projects', path.basename(String(project)))], { cwd: '/var/app' });
  child.on('close', (code) => {
    if (code !== 0) return res.status(500).send('archive failed');
    res.download(target);
  });
});

module.exports = router;
