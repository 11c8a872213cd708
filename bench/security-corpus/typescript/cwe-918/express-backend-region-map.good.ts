import express, { Request, Response } from 'express';
import axios from 'axios';

const app = express();
const BACKENDS: Record<string, string> = {
  'eu-west-1': 'http://status-eu-west-1.internal.example.com',
  'us-east-1': 'http://status-us-east-1.internal.example.com',
};

app.get('/status', async (req: Request, res: Response) => {
  const region = req.header('X-Backend-Region') ?? 'eu-west-1';
  const backend = Object.prototype.hasOwnProperty.call(BACKENDS, region) ? BACKENDS[region] : BACKENDS['eu-west-1'];
  const { data } = await axios.get(`${backend}/api/v1/status`, { timeout: 3000 });
  res.json({ region, data });
});

export default app;
