import { Router, Request, Response } from 'express';
import shell from 'shelljs';

export const buildsRouter = Router();

buildsRouter.post('/builds', (req: Request, res: Response) => {
  const repoUrl: string = req.body.repository;
  const workdir = `/var/builds/${Date.now()}`;
  const result = shell.exec(`git clone --depth 1 ${repoUrl} ${workdir}`, { silent: true });
  if (result.code !== 0) {
    return res.status(422).json({ error: result.stderr });
  }
  res.status(202).json({ workdir });
});
