import express, { Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import { z } from 'zod';

const Preferences = z.object({
  locale: z.string().max(10),
  pageSize: z.number().int().min(10).max(100),
});

const app = express();
app.use(cookieParser());

app.get('/preferences', (req: Request, res: Response) => {
  const encoded: string = req.cookies.prefs ?? '';
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const parsed = Preferences.safeParse(JSON.parse(decoded || '{}'));
  if (!parsed.success) {
    return res.json({ locale: 'en', pageSize: 25 });
  }
  res.json(parsed.data);
});

export default app;
