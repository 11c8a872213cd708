import { Router, Request, Response } from 'express';
import { listTickets, Ticket } from '../services/tickets';

export const ticketsRouter = Router();

ticketsRouter.get('/tickets', async (req: Request, res: Response) => {
  const status = String(req.query.status ?? '');
  const priority = Number(req.query.priority ?? 0);
  const tickets: Ticket[] = await listTickets();
  const predicate = (t: Ticket) => (!status || t.status === status) && t.priority >= priority;
  res.json(tickets.filter(predicate));
});
