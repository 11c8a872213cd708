import express, { Request, Response } from 'express';
import { parseXmlString } from 'libxmljs2';

const app = express();
app.use(express.text({ type: 'application/xml', limit: '512kb' }));

app.post('/orders/import', (req: Request, res: Response) => {
  const payload: string = req.body;
  const doc = parseXmlString(payload);
  const lines = doc.find('//order/line').map((node) => ({
    sku: node.get('sku')?.text(),
    qty: Number(node.get('qty')?.text() ?? 0),
  }));
  res.json({ imported: lines.length, lines });
});

export default app;
