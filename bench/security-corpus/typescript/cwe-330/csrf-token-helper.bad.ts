import type { Request, Response, NextFunction } from 'express';

function randomHex(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 16).toString(16)).join('');
}

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  if (!req.session.csrfToken) {
    req.session.csrfToken = randomHex(40);
  }
  res.locals.csrfToken = req.session.csrfToken;
  if (req.method === 'POST' && req.body._csrf !== req.session.csrfToken) {
    return res.status(403).send('Invalid form token');
  }
  next();
}
