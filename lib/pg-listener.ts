import { Client as PgClient } from 'pg';
import type { Logger } from './logger';

type Handler = (payload: string) => void;

/**
 * One Postgres connection that LISTENs on a few channels for a process, and reconnects when it
 * is lost. Notifications sent while it was not listening are lost, so every user registers what
 * to do on (re)connect: catch up from the database, or forget what it cached.
 */
export class PgListener {
  private readonly handlers = new Map<string, Handler[]>();
  private readonly connectedHooks: (() => void)[] = [];
  private readonly disconnectedHooks: (() => void)[] = [];
  private client?: PgClient;
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly deps: { databaseUrl: string; logger: Logger; applicationName: string }) {}

  /** Handles the channel's notifications (register before start); a channel may have several handlers. */
  on(channel: string, handler: Handler): this {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
    return this;
  }

  /** Runs after every (re)connect, once LISTEN is in place. */
  onConnected(hook: () => void): this {
    this.connectedHooks.push(hook);
    return this;
  }

  /** Runs when the connection is lost (notifications may be missed from now on). */
  onDisconnected(hook: () => void): this {
    this.disconnectedHooks.push(hook);
    return this;
  }

  /** True while notifications are being received. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Connects; keeps retrying in the background while Postgres is unreachable. */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (err) {
      this.deps.logger.warn({ err }, 'notification listener could not connect; retrying');
      this.retryConnect();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new PgClient({ connectionString: this.deps.databaseUrl, application_name: this.deps.applicationName });
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      for (const handler of this.handlers.get(msg.channel) ?? []) handler(msg.payload);
    });
    client.on('error', (err) => {
      this.deps.logger.warn({ err }, 'notification listener lost its connection; reconnecting');
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    for (const hook of this.connectedHooks) hook();
  }

  private lost(dead: PgClient): void {
    if (this.closed || this.client !== dead || this.reconnectTimer) return;
    this.client = undefined;
    dead.removeAllListeners('notification');
    for (const hook of this.disconnectedHooks) hook();
    this.retryConnect(200);
  }

  private retryConnect(delayMs = 1000): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch((err: unknown) => {
        this.deps.logger.warn({ err }, 'notification listener reconnect failed');
        this.retryConnect();
      });
    }, delayMs);
  }
}
