/**
 * Common steps of the session tests: the browser bridge, a `Session` over a
 * local store in fake-indexeddb, a logger that keeps its lines, and waits on
 * state changes. The bridge keeps its settings in a Map that outlives the
 * bridge, as `localStorage` outlives a reload.
 */
import { createServer } from 'node:net';

import { createBrowserBridge } from '../../../../renderer/bridge/browser-bridge';
import type { SettingsStorage } from '../../../../renderer/bridge/browser-settings';
import {
  Session,
  type SessionState,
} from '../../../../renderer/app/services/session';
import type {
  Logger,
  LogFields,
} from '../../../../renderer/core/download/logger';
import type { CopydeskBridge } from '../../../../shared/ipc/contract';
import type { CopydeskDatabase } from '../../../../renderer/core/store/database';
import { createFakeDocument } from '../../../unit/renderer/bridge/fake-document';

/** Creates a `localStorage` stand-in over a Map that tests can read and share. */
export function createSettingsStorage(
  serverUrl?: string,
): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  if (serverUrl !== undefined) {
    items.set('copydesk.settings', JSON.stringify({ serverUrl }));
  }
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}

/** Creates the browser bridge with no managed settings, over `storage`. */
export function createTestBridge(storage: SettingsStorage): CopydeskBridge {
  return createBrowserBridge({
    config: {},
    version: '0.0.0-test',
    locale: 'fr-FR',
    document: createFakeDocument(),
    console: {
      error: () => {},
      warn: () => {},
      info: () => {},
      debug: () => {},
    },
    storage,
  });
}

export interface LogLine {
  level: keyof Logger;
  message: string;
  fields: LogFields | undefined;
}

/** Creates a logger that keeps every line, so tests can check what was logged. */
export function createRecordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const record =
    (level: keyof Logger) => (message: string, fields?: LogFields) => {
      lines.push({ level, message, fields });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}

export interface TestSession {
  session: Session;
  bridge: CopydeskBridge;
  logger: ReturnType<typeof createRecordingLogger>;
  /** Number of times the session asked for a page reload. */
  reloads: () => number;
}

/** Creates a session that has not started, over `db` and `bridge`. */
export function createTestSession(
  db: CopydeskDatabase,
  bridge: CopydeskBridge,
): TestSession {
  const logger = createRecordingLogger();
  let reloads = 0;
  const session = new Session({
    bridge,
    db,
    logger,
    deviceName: 'session test',
    reload: () => {
      reloads += 1;
    },
  });
  return { session, bridge, logger, reloads: () => reloads };
}

type ActiveState = Extract<SessionState, { phase: 'active' }>;

/**
 * Resolves with the session's state once `test` accepts it, checking the
 * current state first. Rejects after `timeoutMs` with the last state seen.
 */
export function waitForState(
  session: Session,
  test: (state: SessionState) => boolean,
  timeoutMs = 10_000,
): Promise<SessionState> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const state = session.getState();
      if (test(state)) {
        clearTimeout(timer);
        unsubscribe();
        resolve(state);
      }
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `session state did not match within ${timeoutMs} ms; last state: ${JSON.stringify(session.getState())}`,
        ),
      );
    }, timeoutMs);
    const unsubscribe = session.subscribe(check);
    check();
  });
}

/** Waits until the active session's connection leaves `checking`. */
export async function waitForConnection(
  session: Session,
): Promise<ActiveState> {
  const state = await waitForState(
    session,
    (candidate) =>
      candidate.phase !== 'active' || candidate.connection !== 'checking',
  );
  if (state.phase !== 'active') {
    throw new Error(`expected an active session, got ${state.phase}`);
  }
  return state;
}

/** Returns a loopback port that was just free and has no listener now. */
export async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) =>
    listener.listen(0, '127.0.0.1', resolve),
  );
  const address = listener.address();
  await new Promise((resolve) => listener.close(resolve));
  if (address === null || typeof address === 'string') {
    throw new Error(`Expected a TCP address, got ${String(address)}`);
  }
  return address.port;
}
