const express = require('express');
const fs = require('fs/promises');
const path = require('path');

const router = express.Router();
const AVATAR_DIR = path.resolve('public/avatars');

router.post('/account/avatar', express.json({ limit: '2mb' }), async (req, res) => {
  const upload = { name: req.body.filename, data: req.body.contentBase64 };
  const destination = `${AVATAR_DIR}/${upload.name}`;
  await fs.writeFile(destination, Buffer.from(upload.data, 'base64'));
  res.status(201).json({ url: `/avatars/${upload.name}` });
});

module.exports = router;
