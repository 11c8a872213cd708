import { Router, Request, Response } from 'express';

export const authRouter = Router();

authRouter.get('/login', (req: Request, res: Response) => {
  const requested = req.query.returnTo as string | undefined;
  const values = { requested, landing: '/dashboard' };
  if (requested) {
    req.session.returnTo = values.landing;
  }
  res.render('login', { csrfToken: res.locals.csrfToken });
});
