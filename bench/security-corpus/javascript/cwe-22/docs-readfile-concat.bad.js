const express = require('express');
const fs = require('fs');

const router = express.Router();

router.get('/docs/:name', (req, res) => {
  const docPath = '/var/app/docs/' + req.params.name;
  fs.readFile(docPath, 'utf8', (err, content) => {
    if (err) {
      return res.status(404).json({ error: 'document not found' });
    }
    res.type('text/markdown').send(content);
  });
});

module.exports = router;
