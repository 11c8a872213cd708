const express = require('express');
const path = require('path');
const { execFile } = require('child_process');

const app = express();
app.use(express.json());

app.post('/images/resize', (req, res) => {
  const file = path.basename(String(req.body.file || ''));
  const width = Number.parseInt(req.body.width, 10);
  if (!file || !Number.isInteger(width) || width <= 0 || width > 4000) {
    return res.status(400).json({ error: 'invalid parameters' });
  }
  execFile('convert', [`uploads/${file}`, '-resize', `${width}x`, `thumbs/${file}`], (err, stdout, stderr) => {
    if (err) {
      return res.status(500).json({ error: stderr });
    }
    res.json({ thumbnail: `thumbs/${file}` });
  });
});

app.listen(3000);
