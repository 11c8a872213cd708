const express = require('express');
const path = require('path');

const app = express();
const UPLOAD_DIR = path.join(__dirname, 'uploads');

app.get('/attachments', (req, res) => {
  const file = req.query.file;
  const fullPath = path.join(UPLOAD_DIR, file);
  res.sendFile(fullPath, (err) => {
    if (err) res.status(404).end();
  });
});

app.listen(3000);
