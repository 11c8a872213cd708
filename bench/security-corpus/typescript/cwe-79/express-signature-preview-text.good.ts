import { Router, Request, Response } from 'express';
import React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export const previewRouter = Router();

previewRouter.post('/signature/preview', (req: Request, res: Response) => {
  const signature: string = req.body.signatureText ?? '';
  const lines = signature.split('\n').map((line, i) => React.createElement('p', { key: i }, line));
  const element = React.createElement('div', { className: 'signature' }, ...lines);
  const markup = renderToStaticMarkup(element);
  res.type('html').send(`<!doctype html><html><body>${markup}</body></html>`);
});
