import { Router, Request, Response } from 'express';

export const authRouter = Router();

authRouter.get('/login', (req: Request, res: Response) => {
  const returnTo = req.query.returnTo as string | undefined;
  if (returnTo) {
    req.session.returnTo = returnTo;
  }
  res.render('login', { csrfToken: res.locals.csrfToken });
});
