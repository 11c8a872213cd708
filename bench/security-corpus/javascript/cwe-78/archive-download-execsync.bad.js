const express = require('express');
const path = require('path');
const { execSync } = require('child_process');

const router = express.Router();
const EXPORT_DIR = '/var/app/exports';

router.post('/exports/archive', (req, res) => {
  const { project, format } = req.body;
  const ext = format === 'zip' ? 'zip' : 'tar.gz';
  const target = path.join(EXPORT_DIR, `${Date.now()}.${ext}`);
  const cmd = `tar -czf ${target} ./projects/${project}`;
  execSync(cmd, { cwd: '/var/app' });
  res.download(target);
});

module.exports = router;
