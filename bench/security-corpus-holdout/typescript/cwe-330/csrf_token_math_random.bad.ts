import type { Request, Response, NextFunction } from 'express';

function randomToken(length = 32): string {
  let out = '';
  while (out.length < length) {
    out += Math.random().toString(16).slice(2);
  }
  return out.slice(0, length);
}

export function csrfToken(req: Request, res: Response, next: NextFunction): void {
  if (!req.session.csrf) {
    req.session.csrf = randomToken();
  }
  res.locals.csrfToken = req.session.csrf;
  next();
}
