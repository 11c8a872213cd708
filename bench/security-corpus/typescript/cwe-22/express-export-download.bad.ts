import { Router, Request, Response } from 'express';

export const exportsRouter = Router();
const EXPORT_ROOT = '/srv/exports';

exportsRouter.get('/exports/:name', (req: Request, res: Response) => {
  const name = req.params.name;
  const fullPath = `${EXPORT_ROOT}/${name}`;
  res.download(fullPath, (err?: Error) => {
    if (err && !res.headersSent) {
      res.status(404).json({ error: 'export not found' });
    }
  });
});
