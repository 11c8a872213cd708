const express = require('express');
const fs = require('fs');
const path = require('path');

const router = express.Router();
const DOCS_ROOT = path.resolve('/var/app/docs');

router.get('/docs/:name', (req, res) => {
  const docPath = path.resolve(DOCS_ROOT, req.params.name);
  if (!docPath.startsWith(DOCS_ROOT + path.sep)) {
    return res.status(403).json({ error: 'forbidden' });
  }
  fs.readFile(docPath, 'utf8', (err, content) => {
    if (err) {
      return res.status(404).json({ error: 'document not found' });
    }
    res.type('text/markdown').send(content);
  });
});

module.exports = router;
