import net from 'node:net';
import { type MockInstance, vi } from 'vitest';

/** Every outbound TCP connection this process starts while the watch is on. */
export interface ConnectionWatch {
  attempts: { host: string | undefined; port: number | undefined }[];
  stop(): void;
}

/**
 * Spies on `net.Socket.prototype.connect`, which every TCP connection of Node's http client goes
 * through (whatever agent or lookup it uses), so a test can assert that no connection was even tried.
 */
export function watchConnections(): ConnectionWatch {
  const attempts: ConnectionWatch['attempts'] = [];
  const original = net.Socket.prototype.connect;
  const spy: MockInstance = vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    const first = args[0] as { host?: string; port?: number } | number | unknown[];
    const options = Array.isArray(first) ? (first[0] as { host?: string; port?: number }) : first;
    if (typeof options === 'object' && options !== null)
      attempts.push({ host: options.host, port: options.port === undefined ? undefined : Number(options.port) });
    else attempts.push({ host: args[1] as string | undefined, port: Number(options) });
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  return { attempts, stop: () => spy.mockRestore() };
}
