import express, { Request, Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    returnTo?: string;
    tenant?: string;
  }
}

const app = express();
app.use(session({ secret: process.env.SESSION_SECRET!, resave: false, saveUninitialized: true }));

app.get('/login', (req: Request, res: Response) => {
  const tenant = req.header('X-Tenant-Id');
  if (tenant) {
    req.session.tenant = tenant;
  }
  res.redirect('/auth/provider');
});

app.listen(3000);
