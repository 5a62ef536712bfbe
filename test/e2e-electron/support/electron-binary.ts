/**
 * Finds the Electron binary the way node_modules/electron/index.js does,
 * without loading that module: when the binary is missing, index.js
 * downloads it, which fails on a machine without internet access.
 *
 * index.js (electron 45.6.1) reads the executable's path inside the
 * distribution from `path.txt`, which the download writes last. It returns
 * `$ELECTRON_OVERRIDE_DIST_PATH/<path.txt or "electron">` when that variable
 * is set, else `dist/<path.txt>`, and downloads when `path.txt` or that file
 * is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary =
  { found: true; executablePath: string } | { found: false; reason: string };

/** Returns the Electron executable, or why the Electron tests must skip. */
export function findElectronBinary(
  env: Record<string, string | undefined> = process.env,
): ElectronBinary {
  // Resolving package.json reads no code of the package.
  const packageFolder = path.dirname(
    createRequire(import.meta.url).resolve('electron/package.json'),
  );
  const pathFile = path.join(packageFolder, 'path.txt');
  const relativePath = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8')
    : null;

  let executablePath: string;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    executablePath = path.join(
      env.ELECTRON_OVERRIDE_DIST_PATH,
      relativePath ?? 'electron',
    );
  } else if (relativePath === null) {
    return {
      found: false,
      reason: `${pathFile} is missing, so the Electron binary was never downloaded: run \`npx install-electron\` where the internet is reachable, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${readElectronVersion(packageFolder)}`,
    };
  } else {
    executablePath = path.join(packageFolder, 'dist', relativePath);
  }

  if (!existsSync(executablePath)) {
    const fix = env.ELECTRON_OVERRIDE_DIST_PATH
      ? `set ELECTRON_OVERRIDE_DIST_PATH to the folder of an unpacked Electron ${readElectronVersion(packageFolder)}`
      : 'run `npx install-electron` where the internet is reachable';
    return {
      found: false,
      reason: `The Electron binary ${executablePath} is missing: ${fix}`,
    };
  }
  return { found: true, executablePath };
}

function readElectronVersion(packageFolder: string): string {
  const text = readFileSync(path.join(packageFolder, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/**
 * Returns why Electron cannot open a window here, or null. On Linux it
 * needs an X11 or Wayland display; `xvfb-run` provides one.
 */
export function displayMissingReason(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
): string | null {
  if (platform !== 'linux' || env.DISPLAY || env.WAYLAND_DISPLAY) {
    return null;
  }
  return 'No display is set (DISPLAY or WAYLAND_DISPLAY), so Electron cannot open its window: run the tests under `xvfb-run`';
}

/** Returns why the Electron tests must skip, or null when they can run. */
export function electronSkipReason(): string | null {
  const binary = findElectronBinary();
  if (!binary.found) {
    return binary.reason;
  }
  return displayMissingReason();
}
