const express = require('express');
const session = require('express-session');

const app = express();
app.use(express.json());
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));

app.post('/preferences', (req, res) => {
  const { displayName, isAdmin } = req.body;
  req.session.displayName = displayName;
  req.session.isAdmin = isAdmin;
  res.json({ saved: true });
});

app.listen(3000);
