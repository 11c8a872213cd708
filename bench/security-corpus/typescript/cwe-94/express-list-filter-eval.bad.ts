import { Router, Request, Response } from 'express';
import { listTickets, Ticket } from '../services/tickets';

export const ticketsRouter = Router();

ticketsRouter.get('/tickets', async (req: Request, res: Response) => {
  const filterSource = (req.query.filter as string) || 't => true';
  const tickets: Ticket[] = await listTickets();
  const predicate = eval(`(${filterSource})`) as (t: Ticket) => boolean;
  res.json(tickets.filter(predicate));
});
