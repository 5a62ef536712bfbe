/**
 * A TCP proxy on 127.0.0.1 in front of a test server, which breaks
 * connections on purpose. It can reset a connection at once, cut it before
 * the request reaches the server, cut or stall it after some response
 * bytes, delay the response, or refuse new connections for a while. Faults
 * are queued per connection, so a test can break the first request and let
 * the retry through.
 *
 *     const proxy = await FaultProxy.start(server.url);
 *     proxy.queue({ kind: 'cut-after-response-bytes', bytes: 1500 });
 *     // the first connection through proxy.url is cut after 1500 bytes
 *
 * Byte counts include the HTTP status line and headers, and clients reuse
 * connections (keep-alive), so a count can span several responses.
 */
import net from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Reset the connection as soon as it is accepted. */
  | { kind: 'reset' }
  /** Close the connection when the request arrives, without forwarding it. */
  | { kind: 'cut-before-request' }
  /** Forward, then destroy the connection after this many response bytes. */
  | { kind: 'cut-after-response-bytes'; bytes: number }
  /** Forward this many response bytes, then hold the connection open silently. */
  | { kind: 'stall-after-response-bytes'; bytes: number }
  /** Wait this long before forwarding the response's first byte. */
  | { kind: 'delay'; ms: number };

export interface ProxiedConnection {
  fault: Fault;
  /** Everything the client sent, as text (requests and headers). */
  requestText: string;
  /** Response bytes that reached the client. */
  responseBytes: number;
}

export class FaultProxy {
  readonly connections: ProxiedConnection[] = [];
  private readonly queued: Fault[] = [];
  private defaultFault: Fault = { kind: 'pass' };
  private readonly sockets = new Set<net.Socket>();
  private listening = true;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Starts a proxy to `targetUrl` (such as `http://127.0.0.1:4000`) on a free loopback port. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const url = new URL(targetUrl);
    const target = { host: url.hostname, port: Number(url.port) };

    const handlers: { onConnection?: (client: net.Socket) => void } = {};
    const server = net.createServer((client) =>
      handlers.onConnection?.(client),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });

    const address = server.address() as net.AddressInfo;
    const proxy = new FaultProxy(server, target, address.port);
    handlers.onConnection = (client) => proxy.handle(client);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Applies `faults` to the next connections, one each, in order. */
  queue(...faults: Fault[]): void {
    this.queued.push(...faults);
  }

  /** Sets the fault for every connection once the queue is empty. */
  setDefault(fault: Fault): void {
    this.defaultFault = fault;
  }

  /** Destroys every open connection, as a network that drops would. */
  dropOpenConnections(): void {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    this.sockets.clear();
  }

  /** Stops listening, so new connections are refused, and drops open ones. */
  async refuseConnections(): Promise<void> {
    if (!this.listening) {
      return;
    }
    this.listening = false;
    const closed = new Promise<void>((resolve) =>
      this.server.close(() => resolve()),
    );
    this.dropOpenConnections();
    await closed;
  }

  /** Listens again on the same port after `refuseConnections`. */
  async acceptConnections(): Promise<void> {
    if (this.listening) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listening = true;
  }

  async close(): Promise<void> {
    await this.refuseConnections();
  }

  private handle(client: net.Socket): void {
    const fault = this.queued.shift() ?? this.defaultFault;
    const record: ProxiedConnection = {
      fault,
      requestText: '',
      responseBytes: 0,
    };
    this.connections.push(record);
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => undefined);

    if (fault.kind === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (fault.kind === 'cut-before-request') {
      client.once('data', (data: Buffer) => {
        record.requestText += data.toString('latin1');
        client.destroy();
      });
      return;
    }

    const upstream = net.connect(this.target);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());

    client.on('data', (data: Buffer) => {
      record.requestText += data.toString('latin1');
      upstream.write(data);
    });
    upstream.on('data', (data: Buffer) => {
      forwardResponse(fault, record, data, client, upstream);
    });
  }
}

function forwardResponse(
  fault: Fault,
  record: ProxiedConnection,
  data: Buffer,
  client: net.Socket,
  upstream: net.Socket,
): void {
  if (fault.kind === 'delay' && record.responseBytes === 0) {
    upstream.pause();
    setTimeout(() => {
      record.responseBytes += data.length;
      client.write(data);
      upstream.resume();
    }, fault.ms);
    return;
  }

  if (
    fault.kind === 'cut-after-response-bytes' ||
    fault.kind === 'stall-after-response-bytes'
  ) {
    const allowed = Math.max(fault.bytes - record.responseBytes, 0);
    const sent = data.subarray(0, allowed);
    record.responseBytes += sent.length;
    if (sent.length > 0) {
      client.write(sent);
    }
    if (sent.length < data.length) {
      if (fault.kind === 'cut-after-response-bytes') {
        client.end(() => client.destroy());
        upstream.destroy();
      } else {
        upstream.pause();
      }
    }
    return;
  }

  record.responseBytes += data.length;
  client.write(data);
}
