import type { Request, Response, NextFunction } from 'express';
import { webcrypto } from 'crypto';

function randomHex(bytes: number): string {
  const buf = webcrypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buf, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function csrfProtection(req: Request, res: Response, next: NextFunction) {
  if (!req.session.csrfToken) {
    req.session.csrfToken = randomHex(32);
  }
  res.locals.csrfToken = req.session.csrfToken;
  if (req.method === 'POST' && req.body._csrf !== req.session.csrfToken) {
    return res.status(403).send('Invalid form token');
  }
  next();
}
