import path from 'node:path';
import express, { type Router } from 'express';
import { ErrorCode } from '../errors';

const ERROR_HELP: Record<ErrorCode, string> = {
  INVALID_REQUEST: 'The body, query or path is malformed. `details.field` names the first bad field and `details.reason` says why.',
  UNAUTHORIZED: 'Credentials are missing, invalid, expired or revoked. Log in again or use a valid API key.',
  INSUFFICIENT_CREDITS: "The month's quota of agent runs is used up. Upgrade the plan or wait for the next month.",
  FORBIDDEN: 'The credential is valid but may not do this (for example an API key without the needed scope).',
  NOT_FOUND: 'No such resource, or it belongs to someone else.',
  METHOD_NOT_ALLOWED: 'The path exists but not with this method: the `Allow` header (and `details.allow`) lists those it answers.',
  TASK_TIMEOUT: 'The task ran past its time limit and was stopped.',
  CONFLICT:
    "The resource's state does not allow this (a finished task cannot be cancelled; an email is taken; an Idempotency-Key was sent with another body: `details.reason` is `idempotency_key_reused`).",
  PAYLOAD_TOO_LARGE: 'The request body is larger than the server accepts.',
  RATE_LIMIT_EXCEEDED: 'Too many requests this minute for the tier. Wait `retry_after` seconds.',
  AGENT_ERROR: 'The agent failed. The message carries its own explanation.',
  SERVER_ERROR: 'Something unexpected went wrong on our side. Quote the request_id to support.',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `/v1/docs`: the interactive explorer (Swagger UI, served locally), and one page per error code. */
export function docsRouter(): Router {
  const router = express.Router();
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.use('/v1/docs/assets', express.static(assets, { index: false, maxAge: '1h' }));

  router.get('/v1/docs', (_req, res) => {
    res.type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Codex Cloud API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/v1/docs/init.js"></script>
</body></html>`);
  });

  // A separate script file, so a strict Content-Security-Policy needs no inline script.
  router.get('/v1/docs/init.js', (_req, res) => {
    res
      .type('application/javascript')
      .send(`window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });`);
  });

  router.get('/v1/docs/errors/:code', (req, res, next) => {
    const code = req.params.code as ErrorCode;
    if (!Object.hasOwn(ERROR_HELP, code)) {
      next();
      return;
    }
    res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${code}</title></head>
<body><h1>${code}</h1><p>HTTP ${ErrorCode[code]}</p><p>${escapeHtml(ERROR_HELP[code])}</p>
<p><a href="/v1/docs">API reference</a></p></body></html>`);
  });
  return router;
}
