// Preloaded with NODE_OPTIONS=--import into electron-builder and every
// Node.js process it starts. It blocks each connection or DNS lookup to
// anything but the loopback interface and appends the destination to the
// file that COPYDESK_NETWORK_LOG names, so a test can assert that
// packaging made no network request.
import dns from 'node:dns';
import fs from 'node:fs';
import net from 'node:net';

const LOG_FILE = process.env.COPYDESK_NETWORK_LOG;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

function isLoopback(host) {
  return (
    host === undefined || LOOPBACK_HOSTS.has(host) || host.startsWith('127.')
  );
}

function block(kind, destination) {
  const line = `${process.pid} ${kind} ${destination}\n`;
  if (LOG_FILE) {
    fs.appendFileSync(LOG_FILE, line);
  }
  return new Error(
    `network access blocked during packaging: ${kind} ${destination}`,
  );
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // Node.js passes its own calls as one array of [options, callback].
  const normalized = Array.isArray(args[0]) ? args[0] : args;
  const first = normalized[0];
  const options = typeof first === 'object' && first !== null ? first : {};
  const host = typeof first === 'object' ? options.host : normalized[1];
  if (options.path === undefined && !isLoopback(host)) {
    throw block('connect', `${host}:${options.port ?? first}`);
  }
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, ...rest) {
  if (!isLoopback(hostname)) {
    throw block('lookup', hostname);
  }
  return lookup.call(this, hostname, ...rest);
};

for (const name of ['resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = function guardedResolve(hostname) {
    throw block(name, hostname);
  };
}
