/**
 * A TCP proxy on 127.0.0.1 in front of a test server, which breaks
 * connections on purpose. It can reset a connection at once, cut it before
 * the request reaches the server, cut or stall it after some response
 * bytes, delay the response, respond with a given status itself, or reject
 * new connections for a while. Faults are queued per connection, so a test
 * can break the first request and let the retry through.
 *
 *     const proxy = await FaultProxy.start(server.url);
 *     proxy.queue({ kind: 'cut-after-response-bytes', bytes: 1500 });
 *     // the first connection through proxy.url is cut after 1500 bytes
 *
 * Byte counts include the HTTP status line and headers, and clients reuse
 * connections (keep-alive), so a count can span several responses.
 *
 * Faults can also be queued per request, whatever connection carries it:
 *
 *     proxy.queueForRequest({ method: 'PUT', path: /\/grade$/ }, {
 *       kind: 'cut-after-response-bytes',
 *       bytes: 0,
 *     });
 *     // the next grade write reaches the server, and its response is lost
 *
 * For that the proxy reads each request's head and `Content-Length`, so it
 * handles requests sent one after another on a connection (as `fetch`
 * sends them), not chunked request bodies.
 */
import { STATUS_CODES } from 'node:http';
import net from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Reset the connection as soon as it is accepted. */
  | { kind: 'reset' }
  /** Close the connection when the request arrives, without forwarding it. */
  | { kind: 'cut-before-request' }
  /** Hold the connection open silently, without forwarding the request. */
  | { kind: 'stall-before-request' }
  /** Forward, then destroy the connection after this many response bytes. */
  | { kind: 'cut-after-response-bytes'; bytes: number }
  /** Forward this many response bytes, then hold the connection open silently. */
  | { kind: 'stall-after-response-bytes'; bytes: number }
  /** Wait this long before forwarding the response's first byte. */
  | { kind: 'delay'; ms: number }
  /**
   * Respond to the request with this status without forwarding it, then close
   * the connection. The body is a problem details object unless `body` is
   * given; `headers` are added, such as `{ 'retry-after': '2' }`.
   */
  | {
      kind: 'respond';
      status: number;
      headers?: Record<string, string>;
      body?: string;
    };

/** Which requests a request fault applies to; an absent field matches any. */
export interface RequestMatch {
  method?: string;
  /** The request target, such as `/api/v1/copies/c1/grade`, or a pattern. */
  path?: string | RegExp;
}

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The request fault that met it, or null when none did. */
  fault: Fault | null;
}

export interface ProxiedConnection {
  fault: Fault;
  /** Everything the client sent, as text (requests and headers). */
  requestText: string;
  /** Response bytes that reached the client. */
  responseBytes: number;
  /** Requests read on this connection, in order. */
  requests: ProxiedRequest[];
}

/** A fault and the response bytes forwarded since it started to apply. */
interface ActiveFault {
  fault: Fault;
  sentBytes: number;
}

// A request head longer than this does not come from our clients, so the
// connection then goes through unparsed.
const MAX_HEAD_BYTES = 64 * 1024;

export class FaultProxy {
  readonly connections: ProxiedConnection[] = [];
  private readonly queued: Fault[] = [];
  private readonly queuedForRequests: { match: RequestMatch; fault: Fault }[] =
    [];
  private defaultFault: Fault = { kind: 'pass' };
  private readonly sockets = new Set<net.Socket>();
  private listening = true;

  private constructor(
    private readonly server: net.Server,
    private target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Starts a proxy to `targetUrl` (such as `http://127.0.0.1:4000`) on a free loopback port. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = parseTarget(targetUrl);

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

  /**
   * Applies `faults` to the next requests that `match`, one each, in order,
   * on whatever connection they come. A request fault takes over its
   * connection from that request on: counts of response bytes start from
   * the response to that request.
   */
  queueForRequest(match: RequestMatch, ...faults: Fault[]): void {
    for (const fault of faults) {
      this.queuedForRequests.push({ match, fault });
    }
  }

  /** Every request read so far, over all connections, in arrival order. */
  get requests(): ProxiedRequest[] {
    return this.connections.flatMap((connection) => connection.requests);
  }

  /**
   * Sends new connections to `targetUrl`, as after the server restarted on
   * another port; open connections keep their old upstream.
   */
  retarget(targetUrl: string): void {
    this.target = parseTarget(targetUrl);
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
      requests: [],
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
    if (fault.kind === 'stall-before-request') {
      client.on('data', (data: Buffer) => {
        record.requestText += data.toString('latin1');
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

    const connectionFault: ActiveFault = { fault, sentBytes: 0 };
    let active = connectionFault;
    // A `respond` fault of the connection replaces the response to its
    // first request.
    let firstRequestFault: Fault | null =
      fault.kind === 'respond' ? fault : null;
    const splitter = new RequestSplitter();
    let dropRest = false;

    client.on('data', (data: Buffer) => {
      record.requestText += data.toString('latin1');
      if (dropRest) {
        return;
      }
      for (const request of splitter.push(data)) {
        if (request.head === null) {
          upstream.write(request.bytes);
          continue;
        }

        const requestFault =
          firstRequestFault ?? this.takeRequestFault(request.head);
        firstRequestFault = null;
        record.requests.push({ ...request.head, fault: requestFault });
        if (requestFault === null) {
          upstream.write(request.bytes);
          continue;
        }

        active = { fault: requestFault, sentBytes: 0 };
        if (!applyRequestFault(requestFault, request.bytes, client, upstream)) {
          dropRest = true;
          return;
        }
      }
    });
    upstream.on('data', (data: Buffer) => {
      forwardResponse(active, record, data, client, upstream);
    });
  }

  private takeRequestFault(head: {
    method: string;
    path: string;
  }): Fault | null {
    const index = this.queuedForRequests.findIndex(({ match }) =>
      matches(match, head),
    );
    if (index === -1) {
      return null;
    }
    const [taken] = this.queuedForRequests.splice(index, 1);
    return taken!.fault;
  }
}

/**
 * Acts on a request that met `fault`. Returns false when the connection
 * ended, so the requests after it are dropped.
 */
function applyRequestFault(
  fault: Fault,
  bytes: Buffer,
  client: net.Socket,
  upstream: net.Socket,
): boolean {
  switch (fault.kind) {
    case 'reset':
      upstream.destroy();
      client.resetAndDestroy();
      return false;
    case 'cut-before-request':
      upstream.destroy();
      client.destroy();
      return false;
    case 'stall-before-request':
      // Without its upstream, the connection stays open with no response.
      upstream.removeAllListeners('close');
      upstream.destroy();
      return false;
    case 'respond':
      upstream.destroy();
      client.end(cannedResponse(fault));
      return false;
    default:
      upstream.write(bytes);
      return true;
  }
}

function cannedResponse(fault: Extract<Fault, { kind: 'respond' }>): Buffer {
  const reason = STATUS_CODES[fault.status] ?? 'Unknown';
  const body = Buffer.from(
    fault.body ??
      JSON.stringify({
        type: 'about:blank',
        title: reason,
        status: fault.status,
        detail: `answered ${fault.status} by the test fault proxy`,
      }),
  );
  const headers: Record<string, string> = {
    'content-type': 'application/problem+json',
    ...fault.headers,
    'content-length': String(body.length),
    connection: 'close',
  };
  const head = [
    `HTTP/1.1 ${fault.status} ${reason}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]);
}

function matches(
  match: RequestMatch,
  head: { method: string; path: string },
): boolean {
  if (match.method !== undefined && match.method !== head.method) {
    return false;
  }
  if (match.path === undefined) {
    return true;
  }
  return typeof match.path === 'string'
    ? match.path === head.path
    : match.path.test(head.path);
}

function parseTarget(targetUrl: string): { host: string; port: number } {
  const url = new URL(targetUrl);
  return { host: url.hostname, port: Number(url.port) };
}

/** One request's bytes, with its method and target when they were read. */
interface SplitRequest {
  head: { method: string; path: string } | null;
  bytes: Buffer;
}

/**
 * Cuts a client's byte stream into whole requests, by their head and
 * `Content-Length`. A request it cannot frame (a chunked body, a head too
 * long) turns it into a pass-through for the rest of the connection.
 */
class RequestSplitter {
  private pending = Buffer.alloc(0);
  private passThrough = false;

  push(data: Buffer): SplitRequest[] {
    if (this.passThrough) {
      return [{ head: null, bytes: data }];
    }
    this.pending = Buffer.concat([this.pending, data]);

    const requests: SplitRequest[] = [];
    for (;;) {
      const headEnd = this.pending.indexOf('\r\n\r\n');
      if (headEnd === -1) {
        if (this.pending.length > MAX_HEAD_BYTES) {
          return [...requests, this.giveUp()];
        }
        return requests;
      }

      const head = this.pending.subarray(0, headEnd).toString('latin1');
      const [requestLine = '', ...headerLines] = head.split('\r\n');
      const [method = '', path = ''] = requestLine.split(' ');
      const headers = new Map(
        headerLines.map((line) => {
          const colon = line.indexOf(':');
          return [
            line.slice(0, colon).trim().toLowerCase(),
            line.slice(colon + 1).trim(),
          ] as const;
        }),
      );
      if (headers.has('transfer-encoding')) {
        return [...requests, this.giveUp()];
      }

      const total = headEnd + 4 + Number(headers.get('content-length') ?? 0);
      if (this.pending.length < total) {
        return requests;
      }
      requests.push({
        head: { method, path },
        bytes: this.pending.subarray(0, total),
      });
      this.pending = this.pending.subarray(total);
    }
  }

  private giveUp(): SplitRequest {
    this.passThrough = true;
    const bytes = this.pending;
    this.pending = Buffer.alloc(0);
    return { head: null, bytes };
  }
}

function forwardResponse(
  active: ActiveFault,
  record: ProxiedConnection,
  data: Buffer,
  client: net.Socket,
  upstream: net.Socket,
): void {
  const { fault } = active;
  const send = (bytes: Buffer) => {
    active.sentBytes += bytes.length;
    record.responseBytes += bytes.length;
    client.write(bytes);
  };

  if (fault.kind === 'delay' && active.sentBytes === 0) {
    upstream.pause();
    setTimeout(() => {
      send(data);
      upstream.resume();
    }, fault.ms);
    return;
  }

  if (
    fault.kind === 'cut-after-response-bytes' ||
    fault.kind === 'stall-after-response-bytes'
  ) {
    const allowed = Math.max(fault.bytes - active.sentBytes, 0);
    const sent = data.subarray(0, allowed);
    if (sent.length > 0) {
      send(sent);
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

  send(data);
}
