const express = require('express');
const { exec } = require('child_process');

const app = express();
app.use(express.json());

app.post('/images/resize', (req, res) => {
  const { file, width } = req.body;
  const cmd = `convert uploads/${file} -resize ${width}x thumbs/${file}`;
  exec(cmd, (err, stdout, stderr) => {
    if (err) {
      return res.status(500).json({ error: stderr });
    }
    res.json({ thumbnail: `thumbs/${file}` });
  });
});

app.listen(3000);
