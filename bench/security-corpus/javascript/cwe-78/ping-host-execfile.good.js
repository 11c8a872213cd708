const express = require('express');
const { execFile } = require('child_process');

const app = express();

app.get('/diagnostics/ping', (req, res) => {
  const host = req.query.host;
  execFile('ping', ['-c', '3', String(host)], { timeout: 10000 }, (err, stdout, stderr) => {
    if (err) {
      return res.status(502).type('text/plain').send(stderr);
    }
    res.type('text/plain').send(stdout);
  });
});

app.listen(8080);
