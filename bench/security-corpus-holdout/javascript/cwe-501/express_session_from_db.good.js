const express = require('express');
const session = require('express-session');
const { findUserById } = require('./users');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/preferences', async (req, res) => {
  const user = await findUserById(req.session.userId);
  if (!user) {
    return res.status(401).end();
  }
  req.session.displayName = user.displayName;
  req.session.isAdmin = user.roles.includes('admin');
  res.json({ saved: true });
});

app.listen(3000);
