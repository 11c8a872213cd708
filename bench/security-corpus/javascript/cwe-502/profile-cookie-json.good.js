const express = require('express');
const cookieParser = require('cookie-parser');

const app = express();
app.use(cookieParser());

app.get('/profile', (req, res) => {
  if (!req.cookies.profile) {
    return res.redirect('/login');
  }
  const raw = Buffer.from(req.cookies.profile, 'base64').toString('utf8');
  let profile;
  try {
    profile = JSON.parse(raw);
  } catch (e) {
    return res.status(400).send('invalid profile');
  }
  res.render('profile', { name: String(profile.name), theme: String(profile.theme) });
});

app.listen(3000);
