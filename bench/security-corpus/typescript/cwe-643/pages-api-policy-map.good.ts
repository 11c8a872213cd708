import type { NextApiRequest, NextApiResponse } from 'next';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { policyDocument } from '@/lib/policies';

const ROLE_QUERIES: Record<string, string> = {
  viewer: '//policy[@role="viewer"]/permission/@name',
  editor: '//policy[@role="editor"]/permission/@name',
};

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const role = (req.query.role as string).toLowerCase();
  const query = role === 'editor' ? ROLE_QUERIES.editor : ROLE_QUERIES.viewer;
  const doc = new DOMParser().parseFromString(policyDocument, 'text/xml');
  const permissions = xpath.select(query, doc) as Attr[];
  res.status(200).json({ role, permissions: permissions.map((p) => p.value) });
}
