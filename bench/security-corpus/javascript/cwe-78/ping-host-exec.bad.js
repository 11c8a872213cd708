const express = require('express');
const { exec } = require('child_process');

const app = express();

app.get('/diagnostics/ping', (req, res) => {
  const host = req.query.host;
  exec('ping -c 3 ' + host, { timeout: 10000 }, (err, stdout, stderr) => {
    if (err) {
      return res.status(502).type('text/plain').send(stderr);
    }
    res.type('text/plain').send(stdout);
  });
});

app.listen(8080);
