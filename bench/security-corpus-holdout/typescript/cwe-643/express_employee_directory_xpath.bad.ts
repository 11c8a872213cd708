import express, { Request, Response } from 'express';
import { readFileSync } from 'node:fs';
import * as xpath from 'xpath';
import { DOMParser } from '@xmldom/xmldom';

const app = express();
const directory = new DOMParser().parseFromString(readFileSync('/srv/hr/employees.xml', 'utf8'), 'text/xml');

app.get('/employees', (req: Request, res: Response) => {
  const dept = String(req.query.dept ?? '');
  const nodes = xpath.select(`//employee[department="${dept}"]/name/text()`, directory as unknown as Node) as Node[];
  res.json(nodes.map((n) => n.nodeValue));
});

app.listen(3000);
