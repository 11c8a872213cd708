import express, { Request, Response } from 'express';
import { execSync } from 'node:child_process';

const app = express();

app.get('/net/lookup', (req: Request<{}, {}, {}, { host?: string; type?: string }>, res: Response) => {
  const host = req.query.host ?? 'localhost';
  const type = req.query.type ?? 'A';
  try {
    const output = execSync(`nslookup -type=${type} ${host}`, { encoding: 'utf8', timeout: 5000 });
    res.type('text/plain').send(output);
  } catch (err) {
    res.status(500).json({ message: (err as Error).message });
  }
});

app.listen(3000);
