import express, { Request, Response } from 'express';
import axios from 'axios';

const app = express();

app.get('/status', async (req: Request, res: Response) => {
  const region = req.header('X-Backend-Region') ?? 'eu-west-1';
  const backend = `http://status-${region}.internal.example.com`;
  const { data } = await axios.get(`${backend}/api/v1/status`, { timeout: 3000 });
  res.json({ region, data });
});

export default app;
