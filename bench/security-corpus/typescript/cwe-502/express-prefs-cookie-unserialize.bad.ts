import express, { Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import serialize from 'node-serialize';

interface Preferences {
  locale: string;
  pageSize: number;
}

const app = express();
app.use(cookieParser());

app.get('/preferences', (req: Request, res: Response) => {
  const encoded: string = req.cookies.prefs ?? '';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const prefs = serialize.unserialize(decoded) as Preferences;
  res.json({ locale: prefs.locale, pageSize: prefs.pageSize });
});

export default app;
