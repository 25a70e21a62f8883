import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP relay in front of a database, for one Strapi instance: `stall(ms)` holds every byte in
 * both directions for that long, as a database that stops answering (a lock, a failover, a full
 * disk) does. Connections stay open; nothing is lost, only late.
 */
export interface StallProxy {
  port: number;
  /** Holds all traffic for `ms`, then lets it through in order; resolves when it flows again. */
  stall(ms: number): Promise<void>;
  /** How many stalls ran, and for how long in all. */
  readonly stalls: { count: number; totalMs: number };
  close(): Promise<void>;
}

export async function startStallProxy(target: { host: string; port: number }): Promise<StallProxy> {
  let held: Array<() => void> | null = null;
  const sockets = new Set<Socket>();
  const stalls = { count: 0, totalMs: 0 };

  /** Forwards `from` to `to`, queueing while a stall holds traffic. */
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (chunk: Buffer) => {
      if (held) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
    from.on('end', () => (held ? held.push(() => to.end()) : to.end()));
    from.on('error', () => to.destroy());
    from.on('close', () => to.destroy());
  };

  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    relay(client, upstream);
    relay(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    stalls,
    async stall(ms: number) {
      if (held) return;
      held = [];
      stalls.count += 1;
      stalls.totalMs += ms;
      await new Promise((r) => setTimeout(r, ms));
      const queued = held;
      held = null;
      for (const send of queued) send();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
