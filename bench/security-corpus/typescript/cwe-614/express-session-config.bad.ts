import express from 'express';
import session from 'express-session';
import RedisStore from 'connect-redis';
import { redisClient } from './redis';

const app = express();

app.set('trust proxy', 1);
app.use(session({ store: new RedisStore({ client: redisClient }), secret: process.env.SESSION_SECRET as string, resave: false, saveUninitialized: false, cookie: { httpOnly: true, secure: false, maxAge: 86400000 } }));

app.get('/me', (req, res) => {
  res.json({ userId: req.session.userId ?? null });
});

export default app;
