import express, { Request, Response } from 'express';
import he from 'he';
import { unsubscribe } from './mailing';

const app = express();

app.get('/newsletter/unsubscribe/:email', async (req: Request, res: Response) => {
  const { email } = req.params;
  await unsubscribe(email);
  const page = [
    '<html><body>',
    `<p>${he.encode(email)} has been removed from the mailing list.</p>`,
    '<a href="/">Back to home</a>',
    '</body></html>',
  ].join('\n');
  res.status(200).send(page);
});

app.listen(3000);
