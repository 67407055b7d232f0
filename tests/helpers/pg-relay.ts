import { createServer, type Server, type Socket, connect } from "node:net";
import { freePort } from "../../src/server/db/embedded-postgres";

/**
 * A TCP relay in front of PostgreSQL that can act out its failures for one test
 * process without touching the shared server: `refuse()` (stopped: connections
 * refused, open ones dropped) and `freeze()` (SIGSTOPped: connections accepted,
 * nothing answered until `thaw()`).
 */
export async function pgRelay(target: URL) {
  const port = await freePort();
  const pairs = new Set<[Socket, Socket]>();
  let server: Server | null = null;
  let frozen = false;
  let held: [Socket, Buffer][] = [];

  const forward = (from: Socket, to: Socket) =>
    from.on("data", (d: Buffer) => {
      if (frozen) held.push([to, d]);
      else to.write(d);
    });

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        const pair: [Socket, Socket] = [client, upstream];
        pairs.add(pair);
        forward(client, upstream);
        forward(upstream, client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          pairs.delete(pair);
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });

  await listen();
  const url = new URL(target);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    refuse: () =>
      new Promise<void>((resolve) => {
        for (const [a, b] of pairs) {
          a.destroy();
          b.destroy();
        }
        pairs.clear();
        const s = server;
        server = null;
        if (s) s.close(() => resolve());
        else resolve();
      }),
    reopen: () => (server ? Promise.resolve() : listen()),
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const [to, d] of held) to.write(d);
      held = [];
    },
  };
}
