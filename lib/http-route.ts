import type { Request, Response } from 'express';

/**
 * The route template Express matched for `req` (`/v1/agents/tasks/:task_id`, with its router's
 * base path), known once routing is done; undefined when no route matched. The HTTP metrics and
 * the HTTP spans name requests by it: raw paths would be unbounded.
 */
export function routeTemplate(req: Request): string | undefined {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : undefined;
}

/** Calls `done` once when the answer is sent or the connection closes, whichever comes first. */
export function onceAnswered(res: Response, done: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    done();
  };
  res.once('finish', once);
  res.once('close', once);
}
