import express, { Request, Response } from 'express';
import got from 'got';
import { XMLParser } from 'fast-xml-parser';

const app = express();
const parser = new XMLParser();
const FEED_DOMAIN = 'feeds.example-news.com';

app.get('/feeds/import', async (req: Request, res: Response) => {
  let url: URL;
  try {
    url = new URL(String(req.query.feed));
  } catch {
    return res.status(400).json({ message: 'invalid feed url' });
  }
  const hostOk = url.hostname === FEED_DOMAIN || url.hostname.endsWith('.' + FEED_DOMAIN);
  if (url.protocol !== 'https:' || !hostOk || url.port !== '') {
    return res.status(400).json({ message: 'feed host not permitted' });
  }
  const xml = await got(url, { timeout: { request: 5000 }, followRedirect: false }).text();
  const items = parser.parse(xml)?.rss?.channel?.item ?? [];
  res.json({ imported: Array.isArray(items) ? items.length : 1 });
});

app.listen(3000);
