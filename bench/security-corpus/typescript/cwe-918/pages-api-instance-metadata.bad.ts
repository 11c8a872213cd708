import type { NextApiRequest, NextApiResponse } from 'next';
import http from 'http';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const options = {
    host: String(req.query.host),
    port: 80,
    path: '/metadata',
    method: 'GET',
  };
  const upstream = http.request(options, (r) => {
    let data = '';
    r.on('data', (chunk) => (data += chunk));
    r.on('end', () => res.status(200).send(data));
  });
  upstream.on('error', () => res.status(502).end());
  upstream.end();
}
