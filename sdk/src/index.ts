export * from './client.js';
export * from './errors.js';
export { streamMessages, type StreamOptions, type StreamTarget, type WebSocketConstructor, type WebSocketLike } from './streams.js';
export { Transport, type Credentials, type RetryNotice, type RetryOptions, type Tokens } from './transport.js';
export type { components, operations, paths } from './generated/openapi.js';
