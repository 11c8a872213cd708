const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/profile', (req, res) => {
  const raw = req.cookies.profile;
  if (!raw) {
    return res.redirect('/login');
  }
  let profile;
  try {
    profile = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch {
    return res.redirect('/login');
  }
  res.render('profile', { name: profile.name, theme: profile.theme || 'light' });
});

app.listen(3000);
