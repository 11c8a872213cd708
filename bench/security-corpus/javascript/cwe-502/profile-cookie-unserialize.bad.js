const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const app = express();
app.use(cookieParser());

app.get('/profile', (req, res) => {
  if (!req.cookies.profile) {
    return res.redirect('/login');
  }
  const raw = Buffer.from(req.cookies.profile, 'base64').toString('utf8');
  const profile = serialize.unserialize(raw);
  res.render('profile', { name: profile.name, theme: profile.theme });
});

app.listen(3000);
