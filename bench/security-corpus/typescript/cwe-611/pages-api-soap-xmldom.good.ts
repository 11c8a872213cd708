import type { NextApiRequest, NextApiResponse } from 'next';
import { DOMParser } from '@xmldom/xmldom';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const envelope = typeof req.body === 'string' ? req.body : '';
  const doc = new DOMParser().parseFromString(envelope, 'text/xml');
  const account = doc.getElementsByTagNameNS('*', 'AccountId')[0]?.textContent;
  res.setHeader('Content-Type', 'text/xml');
  res.status(200).send(`<Response><AccountId>${Number(account) || 0}</AccountId></Response>`);
}
