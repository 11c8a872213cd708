import express, { Request, Response } from 'express';

const app = express();

app.get('/error', (req: Request, res: Response) => {
  const message = req.query.msg as string;
  const code = Number(req.query.code) || 500;
  const banner = '<div class="alert alert-danger"><strong>Something went wrong:</strong> ' + message + '</div>';
  res.status(code >= 400 && code < 600 ? code : 500).send(banner);
});

export default app;
