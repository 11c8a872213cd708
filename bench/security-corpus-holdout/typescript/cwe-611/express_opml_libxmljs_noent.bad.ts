import express, { Request, Response } from 'express';
import { parseXml } from 'libxmljs2';

const app = express();
app.use(express.text({ type: 'text/x-opml', limit: '1mb' }));

app.post('/subscriptions/import', (req: Request, res: Response) => {
  const opml: string = req.body;
  const doc = parseXml(opml, { noent: true, nonet: false });
  const feeds = doc.find('//outline[@xmlUrl]').map((el) => ({
    title: (el as any).attr('title')?.value() ?? '',
    url: (el as any).attr('xmlUrl')?.value() ?? '',
  }));
  res.json({ imported: feeds.length, feeds });
});

app.listen(3000);
