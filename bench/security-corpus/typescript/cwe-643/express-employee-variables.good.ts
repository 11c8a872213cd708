import express, { Request, Response } from 'express';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { readFileSync } from 'fs';

const app = express();
const staffXml = readFileSync('/srv/data/staff.xml', 'utf8');
const byDepartment = xpath.parse('//employee[department=$dept]/name/text()');

app.get('/staff', (req: Request, res: Response) => {
  const dept = String(req.query.department ?? '');
  const doc = new DOMParser().parseFromString(staffXml, 'text/xml');
  const nodes = byDepartment.select({ node: doc, variables: { dept } });
  res.json(nodes.map((n) => n.nodeValue));
});

export default app;
