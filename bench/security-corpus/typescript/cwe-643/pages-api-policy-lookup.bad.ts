import type { NextApiRequest, NextApiResponse } from 'next';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { policyDocument } from '@/lib/policies';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const role = (req.query.role as string).toLowerCase();
  const doc = new DOMParser().parseFromString(policyDocument, 'text/xml');
  const permissions = xpath.select('//policy[@role="' + role + '"]/permission/@name', doc) as Attr[];
  res.status(200).json({ role, permissions: permissions.map((p) => p.value) });
}
