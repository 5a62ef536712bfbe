/**
 * One Chromium for one measured download: Debian's /usr/bin/chromium on a
 * new profile, so IndexedDB starts empty and writes to disk as the desktop
 * app's does, driven by Playwright over the DevTools protocol.
 *
 * Playwright enables the DevTools network domain on every page, and the
 * page then keeps a copy of each response body for DevTools. In the runs
 * recorded in docs/benchmarks.md, that made the renderer about 200 MB
 * larger and the downloads up to a third slower. So this module starts
 * Chromium itself with a DevTools port on 127.0.0.1, and Playwright
 * connects to it to prepare the page. For a detached run it disconnects
 * before the download starts (see `page-run.ts`), and the page posts its
 * result to the benchmark's server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

import {
  chromium,
  type Browser,
  type CDPSession,
  type Page,
} from '@playwright/test';

import { isRunning, listDescendants } from './process-tree';
import { CHROMIUM_ARGS } from '../../test/e2e/support/chromium';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Maximum wait for Chromium to print its DevTools address, milliseconds. */
const START_TIMEOUT_MS = 30_000;

export interface Connection {
  page: Page;
  /** Closes Playwright's connection; Chromium and its page keep running. */
  disconnect(): Promise<void>;
  /** CDP session of the page, for `Performance.getMetrics`. */
  cdp: CDPSession;
}

export interface LaunchedChromium {
  /** Process id of the browser process, the root of Chromium's process tree. */
  pid: number;
  connect(): Promise<Connection>;
  /** Stops Chromium and removes its profile. */
  close(): Promise<void>;
}

/** Starts Chromium on a new profile in `profileFolder` with a DevTools port on 127.0.0.1. */
export async function launchChromium(
  profileFolder: string,
): Promise<LaunchedChromium> {
  // /usr/bin/chromium is a shell script that ends with exec, so the child's
  // process id is the browser process's.
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profileFolder}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );

  const close = async () => {
    await stopProcess(child);
    await rm(profileFolder, {
      recursive: true,
      force: true,
      maxRetries: 5,
      retryDelay: 200,
    });
  };

  let endpoint: string;
  try {
    endpoint = await readDevToolsEndpoint(child);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    pid: child.pid!,
    connect: () => connect(endpoint),
    close,
  };
}

async function connect(endpoint: string): Promise<Connection> {
  const browser: Browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context?.pages()[0];
  if (context === undefined || page === undefined) {
    await browser.close();
    throw new Error(
      `Chromium at ${endpoint} has no open page: it should have opened about:blank`,
    );
  }
  const cdp = await context.newCDPSession(page);
  return { page, cdp, disconnect: () => browser.close() };
}

/** Returns Chromium's DevTools WebSocket address, read from its standard error. */
function readDevToolsEndpoint(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(
        new Error(
          `Chromium printed no DevTools address within ${START_TIMEOUT_MS / 1000} s. Its output ended with: ${output.slice(-2000)}`,
        ),
      );
    }, START_TIMEOUT_MS);

    // Chromium keeps writing to standard error: the listener stays to
    // drain the pipe, or Chromium would block once it is full.
    child.stderr!.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Chromium (${CHROMIUM_PATH}) exited with ${signal ?? `code ${code}`} before it was ready. Its output ended with: ${output.slice(-2000)}`,
        ),
      );
    });
  });
}

/**
 * Stops Chromium and waits until its child processes are gone too, because
 * they may still write to the profile after the browser process exits.
 */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const descendants = listDescendants(child.pid!);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);

  const deadline = Date.now() + 10_000;
  while (descendants.some(isRunning) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
