import express, { Request, Response } from 'express';
import JSON5 from 'json5';

const app = express();
app.use(express.text({ type: '*/*' }));

interface WidgetConfig {
  title?: string;
  refresh?: number;
}

app.post('/widgets/:id/config', (req: Request, res: Response) => {
  const raw: string = req.body;
  let config: WidgetConfig;
  try {
    config = JSON5.parse(raw);
  } catch {
    return res.status(422).json({ message: 'could not parse config' });
  }
  res.json({ id: req.params.id, title: config.title ?? 'Untitled', refresh: config.refresh ?? 60 });
});

app.listen(3000);
