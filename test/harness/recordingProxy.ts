/**
 * A real HTTP proxy (the `proxy` package: CONNECT tunnels and absolute-URI requests) on
 * loopback, that records each request it is asked to carry, for tests that must show where
 * requests went. It can demand credentials (407) like a corporate proxy.
 */
import * as http from 'http';
import type { AddressInfo, Socket } from 'net';
import { createProxy } from 'proxy';

export class RecordingProxy {
  private constructor(
    private readonly server: http.Server,
    /** `http://127.0.0.1:PORT`, without credentials. */
    readonly url: string,
    /** "CONNECT host:port" for each tunnel, "GET http://…" for each absolute-URI request, in order. */
    readonly log: string[],
    private readonly sockets: Set<Socket>,
  ) {}

  /**
   * Starts a proxy on 127.0.0.1. With `credentials` ("user:password"), it answers 407 to every
   * request without that Proxy-Authorization.
   */
  static async start(options: { credentials?: string } = {}): Promise<RecordingProxy> {
    const server = createProxy(http.createServer());
    if (options.credentials) {
      const expected = `Basic ${Buffer.from(options.credentials).toString('base64')}`;
      server.authenticate = (req) => req.headers['proxy-authorization'] === expected;
    }
    const log: string[] = [];
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    server.prependListener('connect', (req: http.IncomingMessage) => log.push(`CONNECT ${req.url}`));
    server.prependListener('request', (req: http.IncomingMessage) => log.push(`${req.method} ${req.url}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new RecordingProxy(server, `http://127.0.0.1:${port}`, log, sockets);
  }

  /** The tunnels opened to `host:port`. */
  tunnelsTo(hostPort: string): number {
    return this.log.filter((line) => line === `CONNECT ${hostPort}`).length;
  }

  /** Stops listening and cuts every connection, open tunnels included. */
  close(): Promise<void> {
    this.sockets.forEach((socket) => socket.destroy());
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback URL on which nothing listens: a proxy that refuses connections. */
export async function refusingProxyUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
