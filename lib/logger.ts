import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks out wherever they appear in a log record: credentials in headers,
 * bodies and our own objects. Tokens in URLs are stripped separately (`redactUrl`).
 */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'key',
  '*.key',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  // Temporal's activity log attributes: a task token completes the activity it names.
  'taskToken',
  '*.taskToken',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-share-token"]',
  'req.headers.cookie',
  'req.headers["sec-websocket-protocol"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-share-token"]',
  'headers["sec-websocket-protocol"]',
];

const SECRET_QUERY = /([?&](?:token|access_token|api_key|key|share_token)=)[^&#]*/gi;

/** A share link's page path: its token is a credential. */
const SHARE_PATH = /(\/shared\/)[^/?#]+/g;

/** Removes credential values from a URL (query string, share links' paths) before it is logged. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[Redacted]').replace(SHARE_PATH, '$1[Redacted]');
}

export function createLogger(options: { level: string; name?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name,
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}
