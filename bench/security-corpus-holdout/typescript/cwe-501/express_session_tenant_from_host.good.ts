import express, { Request, Response } from 'express';
import session from 'express-session';
import { tenantForUser } from './tenancy';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    tenant?: string;
  }
}

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: true }));

app.get('/login/complete', async (req: Request, res: Response) => {
  if (!req.session.userId) {
    return res.redirect('/login');
  }
  req.session.tenant = await tenantForUser(req.session.userId);
  res.redirect('/app');
});

app.listen(3000);
