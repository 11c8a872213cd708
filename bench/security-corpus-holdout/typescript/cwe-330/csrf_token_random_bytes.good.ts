import { randomBytes } from 'node:crypto';
import type { Request, Response, NextFunction } from 'express';

function randomToken(length = 32): string {
  return randomBytes(length / 2).toString('hex');
}

export function csrfToken(req: Request, res: Response, next: NextFunction): void {
  if (!req.session.csrf) {
    req.session.csrf = randomToken();
  }
  res.locals.csrfToken = req.session.csrf;
  next();
}
