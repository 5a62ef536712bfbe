/**
 * Electron fuses: switches in the Electron binary that packaging sets once,
 * before signing, so that nothing at run time (environment variables,
 * command-line flags, files next to the app) can turn them back.
 *
 * electron-builder calls `build/after-pack.mjs` after it has copied the app,
 * and that hook applies `fuseConfigFor` to the packaged executable.
 */
import path from 'node:path';

import {
  flipFuses,
  FuseV1Options,
  FuseVersion,
  type FuseV1Config,
} from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { Arch } from 'electron-builder';

/**
 * A value for every fuse that the installed `@electron/fuses` defines. The
 * type makes a fuse left out, or one that no longer exists, a compile error.
 */
export type FuseSettings = Record<FuseV1Options, boolean>;

export const ELECTRON_FUSES: FuseSettings = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js
  // interpreter that runs any script. The main process forks nothing.
  [FuseV1Options.RunAsNode]: false,

  // Encrypts Chromium's cookie database with the system key store. The app
  // keeps no session in cookies, but a server could set some.
  [FuseV1Options.EnableCookieEncryption]: true,

  // NODE_OPTIONS (`--require`, `--import`) and NODE_EXTRA_CA_CERTS would
  // inject code or trusted certificates into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,

  // `--inspect` and SIGUSR1 would open a debugger on the main process,
  // which holds the refresh token and the key of the local store.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,

  // Checks app.asar against the hash that electron-builder writes into the
  // Windows executable or the macOS Info.plist. Electron has no such check
  // on Linux, where the fuse does nothing.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,

  // Loads the app only from app.asar, never from an `app` folder placed
  // next to it, so the integrity check above cannot be sidestepped.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,

  // The app ships no V8 snapshot of its own, so the browser process uses
  // the same default snapshot as every other process.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,

  // The app serves its pages on app://copydesk, never from file://, so
  // file:// pages need no more than a browser gives them (no fetch of
  // other files, no service workers, no access across frames).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,

  // V8's signal handlers catch out-of-bounds memory access of WebAssembly
  // (the OCR engine) without bounds checks in the compiled code. Electron
  // enables them by default.
  [FuseV1Options.WasmTrapHandlers]: true,
};

/**
 * Builds the `@electron/fuses` configuration for one packaged executable.
 * `strictlyRequireAllFuses` makes packaging fail when the Electron binary
 * has a fuse that `ELECTRON_FUSES` does not set: update `@electron/fuses`
 * and add the new fuse here.
 */
export function fuseConfigFor(platform: string, arch: string): FuseV1Config {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping a fuse breaks the ad hoc signature, and Apple silicon runs
    // no unsigned code. A signed build is signed again after this hook.
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...ELECTRON_FUSES,
  };
}

/** File name extension of the packaged executable on each platform. */
const EXECUTABLE_EXTENSIONS: Record<string, string> = {
  darwin: '.app',
  mas: '.app',
  win32: '.exe',
  linux: '',
};

/**
 * Sets the fuses of the executable that electron-builder just packaged.
 * It calls the `@electron/fuses` of this project rather than
 * `packager.addElectronFuses`, because app-builder-lib 26.18.1 brings
 * `@electron/fuses` 1.8.0, which writes 8 fuses while Electron 45's wire
 * has 9 (the ninth is `WasmTrapHandlers`), so packaging would fail.
 */
export async function applyFuses(context: AfterPackContext): Promise<void> {
  const config = fuseConfigFor(
    context.electronPlatformName,
    Arch[context.arch],
  );
  const extension = EXECUTABLE_EXTENSIONS[context.electronPlatformName];
  if (extension === undefined) {
    throw new Error(
      `Cannot set Electron fuses for platform "${context.electronPlatformName}": build for darwin, mas, win32 or linux.`,
    );
  }

  // Linux executables take the package's executable name; the others the
  // product's file name, as electron-builder names them.
  const packager = context.packager as AfterPackContext['packager'] & {
    executableName?: string;
  };
  const name =
    context.electronPlatformName === 'linux' &&
    packager.executableName !== undefined
      ? packager.executableName
      : packager.appInfo.productFilename;
  await flipFuses(path.join(context.appOutDir, `${name}${extension}`), config);
}
