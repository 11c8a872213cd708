import express, { Request, Response } from 'express';
import { execFileSync } from 'node:child_process';

const app = express();
const RECORD_TYPES = new Set(['A', 'AAAA', 'MX', 'TXT', 'NS', 'CNAME']);

app.get('/net/lookup', (req: Request<{}, {}, {}, { host?: string; type?: string }>, res: Response) => {
  const host = req.query.host ?? 'localhost';
  const type = RECORD_TYPES.has(req.query.type ?? '') ? req.query.type! : 'A';
  if (host.startsWith('-')) {
    return res.status(400).json({ message: 'invalid host' });
  }
  try {
    const output = execFileSync('nslookup', [`-type=${type}`, host], { encoding: 'utf8', timeout: 5000 });
    res.type('text/plain').send(output);
  } catch (err) {
    res.status(500).json({ message: (err as Error).message });
  }
});

app.listen(3000);
