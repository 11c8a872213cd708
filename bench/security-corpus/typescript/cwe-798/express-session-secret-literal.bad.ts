import express from 'express';
import session from 'express-session';

const app = express();

app.use(
  session({
    name: 'sid',
    secret: 'keyboard-cat-session-secret-2021',
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: 'lax' },
  })
);

app.get('/health', (_req, res) => {
  res.json({ ok: true });
});

export default app;
