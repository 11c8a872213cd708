const express = require('express');
const path = require('path');

const app = express();
const FILES_DIR = path.join(__dirname, 'attachments');

app.get('/attachments', (req, res) => {
  const name = req.query.name;
  if (!name) {
    return res.status(400).send('name required');
  }
  res.sendFile(name, { root: FILES_DIR, dotfiles: 'deny' });
});

app.listen(3000);
