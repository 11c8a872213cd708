const express = require('express');
const crypto = require('crypto');
const fs = require('fs/promises');
const path = require('path');

const router = express.Router();
const AVATAR_DIR = path.resolve('public/avatars');

router.post('/account/avatar', express.json({ limit: '2mb' }), async (req, res) => {
  const original = req.body.filename;
  const ext = path.extname(String(original)).toLowerCase() === '.png' ? '.png' : '.jpg';
  const name = crypto.randomUUID() + ext;
  await fs.writeFile(path.join(AVATAR_DIR, name), Buffer.from(req.body.contentBase64, 'base64'));
  res.status(201).json({ url: `/avatars/${name}` });
});

module.exports = router;
