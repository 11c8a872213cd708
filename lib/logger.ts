import { isSpanContextValid, trace } from '@opentelemetry/api';
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

/** What {@link traceFields} returns outside a span: shared, never written to (see {@link mergeTraceFields}). */
const NO_TRACE: Readonly<Record<string, never>> = Object.freeze({});

/**
 * The trace of the active OpenTelemetry span, as log fields: `trace_id` (32 lowercase hex
 * digits) and `span_id` (16), the IDs a tracing backend finds the span by. Empty when no span is
 * active or tracing is off (lib/tracing.ts): the OpenTelemetry API then has no span (or a
 * non-recording one with an invalid context), so this costs one context lookup per line.
 */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getActiveSpan();
  if (!span) return NO_TRACE;
  const context = span.spanContext();
  return isSpanContextValid(context) ? { trace_id: context.traceId, span_id: context.spanId } : NO_TRACE;
}

/** pino's merge of a line's own fields with {@link traceFields}: the line's own win; neither object is changed when there is no trace. */
function mergeTraceFields(line: object, fields: object): object {
  return fields === NO_TRACE ? line : Object.assign(fields, line);
}

/**
 * A pino logger writing JSON lines to `destination` (default stdout): `level` is pino's level
 * name (`info`, `debug`, `silent`…), `name` the `name` field of every line. Credentials are
 * redacted (REDACT_PATHS). A line written while an OpenTelemetry span is active carries its
 * `trace_id` and `span_id` ({@link traceFields}), in child loggers too.
 */
export function createLogger(options: { level: string; name?: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      name: options.name,
      redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
      mixin: traceFields,
      mixinMergeStrategy: mergeTraceFields,
    },
    options.destination,
  );
}
