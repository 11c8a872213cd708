import express, { Request, Response } from 'express';
import { exec } from 'child_process';

const app = express();

app.get('/tools/dns', (req: Request, res: Response) => {
  const domain = String(req.query.domain ?? '');
  exec(`nslookup ${domain}`, { timeout: 5000 }, (error, stdout) => {
    if (error) {
      res.status(500).json({ error: 'lookup failed' });
      return;
    }
    res.type('text/plain').send(stdout);
  });
});

export default app;
