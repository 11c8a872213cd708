import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';

const INVOICE_DIR = '/data/invoices';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const invoice = String(req.query.invoice);
  let relative: string;
  if (req.query.year) {
    relative = `${req.query.year}/${invoice}`;
  } else {
    relative = invoice;
  }
  res.setHeader('Content-Type', 'application/octet-stream');
  fs.createReadStream(INVOICE_DIR + '/' + relative).pipe(res);
}
