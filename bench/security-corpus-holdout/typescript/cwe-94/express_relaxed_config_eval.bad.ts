import express, { Request, Response } from 'express';

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
    config = eval('(' + raw + ')');
  } catch {
    return res.status(422).json({ message: 'could not parse config' });
  }
  res.json({ id: req.params.id, title: config.title ?? 'Untitled', refresh: config.refresh ?? 60 });
});

app.listen(3000);
