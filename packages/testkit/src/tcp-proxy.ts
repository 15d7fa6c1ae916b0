import net from "node:net";

/**
 * How the proxy treats traffic: `pass` forwards it; `silent` accepts and answers nothing (a hung
 * server: bytes are held, and delivered in order once it passes again); `refuse` stops listening (connection refused); `drop` closes every connection at once
 * (a server that dies mid-call).
 */
export type ProxyMode = "pass" | "silent" | "refuse" | "drop";

export interface TcpProxy {
  port: number;
  /** `redis://127.0.0.1:<port>/<db>` for a Redis URL behind the proxy. */
  url(targetUrl: string): string;
  setMode(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

/** A loopback TCP proxy in front of a real service (Redis), for injecting network faults. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "pass";
  let held: [net.Socket, Buffer][] = [];
  const pairs = new Set<[net.Socket, net.Socket]>();
  const server = net.createServer((client) => {
    if (mode === "drop") return void client.destroy();
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    const forward = (to: net.Socket) => (b: Buffer) => {
      if (mode === "silent") held.push([to, b]);
      else if (mode === "pass") to.write(b);
    };
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    for (const s of pair) s.on("close", end).on("error", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  const destroyAll = () => {
    for (const [a, b] of pairs) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    url(targetUrl) {
      const u = new URL(targetUrl);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    async setMode(next) {
      if (next === mode) return;
      const was = mode;
      mode = next;
      if (next === "drop" || next === "refuse") destroyAll();
      if (next === "refuse") await new Promise<void>((r) => server.close(() => r()));
      if (was === "refuse") await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
      if (next === "pass") for (const [to, b] of held) if (!to.destroyed) to.write(b);
      if (next !== "silent") held = [];
    },
    async close() {
      destroyAll();
      if (mode !== "refuse") await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
