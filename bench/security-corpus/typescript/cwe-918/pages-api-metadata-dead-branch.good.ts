import type { NextApiRequest, NextApiResponse } from 'next';
import http from 'http';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const requested = String(req.query.host);
  let host = 'metadata.internal.example.com';
  if (false) {
    host = requested;
  }
  const upstream = http.request({ host, port: 80, path: '/metadata', method: 'GET' }, (r) => {
    let data = '';
    r.on('data', (chunk) => (data += chunk));
    r.on('end', () => res.status(200).send(data));
  });
  upstream.on('error', () => res.status(502).end());
  upstream.end();
}
