import { createServer } from 'node:net';

/**
 * A TCP port free on 127.0.0.1 now (the kernel's pick for port 0), for a listener started next
 * by another component (the Temporal runtime's metrics exporter). Another process may take it
 * in between; the caller's listen then fails loudly.
 * @throws Error when no port can be bound
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
