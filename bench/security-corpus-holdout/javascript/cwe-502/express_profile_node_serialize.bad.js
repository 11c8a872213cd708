const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

app.get('/profile', (req, res) => {
  const raw = req.cookies.profile;
  if (!raw) {
    return res.redirect('/login');
  }
  const profile = serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8'));
  res.render('profile', { name: profile.name, theme: profile.theme || 'light' });
});

app.listen(3000);
