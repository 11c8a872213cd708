import { Router, Request, Response } from 'express';
import path from 'path';

export const exportsRouter = Router();
const EXPORT_ROOT = '/srv/exports';

exportsRouter.get('/exports/:name', (req: Request, res: Response) => {
  const name = path.basename(req.params.name);
  if (path.extname(name) !== '.csv') {
    return res.status(400).json({ error: 'only csv exports can be downloaded' });
  }
  res.download(path.join(EXPORT_ROOT, name), (err?: Error) => {
    if (err && !res.headersSent) {
      res.status(404).json({ error: 'export not found' });
    }
  });
});
