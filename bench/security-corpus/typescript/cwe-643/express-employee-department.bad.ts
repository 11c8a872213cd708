import express, { Request, Response } from 'express';
import xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';
import { readFileSync } from 'fs';

const app = express();
const staffXml = readFileSync('/srv/data/staff.xml', 'utf8');

app.get('/staff', (req: Request, res: Response) => {
  const dept = String(req.query.department ?? '');
  const doc = new DOMParser().parseFromString(staffXml, 'text/xml');
  const nodes = xpath.select(`//employee[department='${dept}']/name/text()`, doc) as Node[];
  res.json(nodes.map((n) => n.nodeValue));
});

export default app;
