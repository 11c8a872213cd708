import type { NextApiRequest, NextApiResponse } from 'next';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const { title, from } = req.query as { title?: string; from?: string };
  let heading: string;
  if (from) {
    heading = `${from.toUpperCase()} shared "${title ?? 'a document'}" with you`;
  } else {
    heading = 'A document was shared with you';
  }
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.status(200).send(`<html><head><title>Shared</title></head><body><h2>${heading}</h2></body></html>`);
}
