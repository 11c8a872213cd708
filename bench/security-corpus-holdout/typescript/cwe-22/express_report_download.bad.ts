import express, { Request, Response } from 'express';
import path from 'node:path';

const app = express();
const REPORTS = '/var/lib/reports';

app.get('/reports/download', (req: Request, res: Response) => {
  const file = req.query.file as string;
  const year = (req.query.year as string) || new Date().getFullYear().toString();
  const location = path.join(REPORTS, year, file);
  res.download(location, (err) => {
    if (err && !res.headersSent) res.status(404).json({ message: 'report not found' });
  });
});

app.listen(3000);
