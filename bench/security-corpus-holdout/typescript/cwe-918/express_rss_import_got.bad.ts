import express, { Request, Response } from 'express';
import got from 'got';
import { XMLParser } from 'fast-xml-parser';

const app = express();
const parser = new XMLParser();

app.get('/feeds/import', async (req: Request, res: Response) => {
  const feedUrl = String(req.query.feed);
  try {
    const xml = await got(feedUrl, { timeout: { request: 5000 } }).text();
    const items = parser.parse(xml)?.rss?.channel?.item ?? [];
    res.json({ imported: Array.isArray(items) ? items.length : 1 });
  } catch (err) {
    res.status(502).json({ message: (err as Error).message });
  }
});

app.listen(3000);
