import type { NextApiRequest, NextApiResponse } from 'next';
import fs from 'fs';

const INVOICE_DIR = '/data/invoices';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const invoiceNumber = Number.parseInt(String(req.query.invoice), 10);
  if (!Number.isSafeInteger(invoiceNumber) || invoiceNumber <= 0) {
    return res.status(400).json({ error: 'invalid invoice number' });
  }
  res.setHeader('Content-Type', 'application/pdf');
  fs.createReadStream(`${INVOICE_DIR}/INV-${invoiceNumber}.pdf`).pipe(res);
}
