import express, { Request, Response } from 'express';
import path from 'node:path';

const app = express();
const REPORTS = '/var/lib/reports';

app.get('/reports/download', (req: Request, res: Response) => {
  const file = path.basename(String(req.query.file ?? ''));
  const year = Number.parseInt(String(req.query.year ?? ''), 10) || new Date().getFullYear();
  const location = path.join(REPORTS, String(year), file);
  res.download(location, (err) => {
    if (err && !res.headersSent) res.status(404).json({ message: 'report not found' });
  });
});

app.listen(3000);
