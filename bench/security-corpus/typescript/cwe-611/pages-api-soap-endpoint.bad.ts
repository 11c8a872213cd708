import type { NextApiRequest, NextApiResponse } from 'next';
import libxml from 'libxmljs2';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const envelope = typeof req.body === 'string' ? req.body : '';
  const doc = libxml.parseXml(envelope, { noent: true, dtdload: true });
  const account = doc.get('//*[local-name()="AccountId"]')?.text();
  res.setHeader('Content-Type', 'text/xml');
  res.status(200).send(`<Response><AccountId>${Number(account) || 0}</AccountId></Response>`);
}
