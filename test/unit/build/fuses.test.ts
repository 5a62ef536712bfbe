import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { flipFuses, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  ELECTRON_FUSES,
  fuseConfigFor,
  type FuseSettings,
} from '../../../build/fuses';
import { findElectronBinary } from '../../e2e-electron/support/electron-binary';

// The marker that precedes the fuse wire in an Electron binary, then one
// byte of wire version and one of wire length (@electron/fuses 2.1.3).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DISABLED = 0x30;
const ENABLED = 0x31;

/** Every fuse index that the installed `@electron/fuses` defines. */
const KNOWN_FUSES = Object.values(FuseV1Options).filter(
  (value): value is FuseV1Options => typeof value === 'number',
);

/** Bytes shaped like an Electron binary with a fuse wire of `length` fuses. */
function fakeElectronBinary(length: number): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF padding before the wire'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, length]),
    Buffer.alloc(length, DISABLED),
    Buffer.from('padding after the wire'),
  ]);
}

describe('ELECTRON_FUSES', () => {
  it('sets every fuse of @electron/fuses', () => {
    expect(KNOWN_FUSES.length).toBeGreaterThanOrEqual(9);
    for (const fuse of KNOWN_FUSES) {
      expect(typeof ELECTRON_FUSES[fuse], FuseV1Options[fuse]).toBe('boolean');
    }
    expect(Object.keys(ELECTRON_FUSES)).toHaveLength(KNOWN_FUSES.length);
  });

  it('turns off ways to run other code', () => {
    expect(ELECTRON_FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(
      ELECTRON_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
    ).toBe(false);
    expect(ELECTRON_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(
      false,
    );
  });

  it('turns on cookie encryption and ASAR checks', () => {
    expect(ELECTRON_FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(
      ELECTRON_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    ).toBe(true);
    expect(ELECTRON_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
  });

  it('rejects a missing fuse at compile time', () => {
    // @ts-expect-error: GrantFileProtocolExtraPrivileges is left out.
    const incomplete: FuseSettings = {
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.WasmTrapHandlers]: true,
    };
    expect(Object.keys(incomplete)).toHaveLength(KNOWN_FUSES.length - 1);
  });
});

describe('fuseConfigFor', () => {
  it('requires every fuse of the binary', () => {
    const config = fuseConfigFor('linux', 'x64');

    expect(config.strictlyRequireAllFuses).toBe(true);
    expect(config.version).toBe('1');
    for (const fuse of KNOWN_FUSES) {
      expect(config[fuse], FuseV1Options[fuse]).toBe(ELECTRON_FUSES[fuse]);
    }
  });

  it.each([
    ['darwin', 'arm64', true],
    ['darwin', 'x64', false],
    ['win32', 'arm64', false],
    ['linux', 'x64', false],
  ])('re-signs ad hoc on %s %s: %s', (platform, arch, expected) => {
    expect(fuseConfigFor(platform, arch).resetAdHocDarwinSignature).toBe(
      expected,
    );
  });
});

describe('fuse wire', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'copydesk-fuses-'));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('flips every fuse of a known wire', async () => {
    const binary = path.join(folder, 'known-wire');
    await writeFile(binary, fakeElectronBinary(KNOWN_FUSES.length));

    await flipFuses(binary, fuseConfigFor('linux', 'x64'));

    const wire = await getCurrentFuseWire(binary);
    for (const fuse of KNOWN_FUSES) {
      const expected = ELECTRON_FUSES[fuse] ? ENABLED : DISABLED;
      expect(wire[fuse], FuseV1Options[fuse]).toBe(expected);
    }
  });

  it('rejects a wire with an unknown fuse', async () => {
    const binary = path.join(folder, 'longer-wire');
    const original = fakeElectronBinary(KNOWN_FUSES.length + 1);
    await writeFile(binary, original);

    await expect(
      flipFuses(binary, fuseConfigFor('linux', 'x64')),
    ).rejects.toThrow(/strictlyRequireAllFuses/);
    expect(await readFile(binary)).toEqual(original);
  });

  const electron = findElectronBinary();

  it.skipIf(!electron.found)(
    'covers the wire of the installed Electron',
    async () => {
      if (!electron.found) {
        return;
      }
      const wire = await getCurrentFuseWire(electron.executablePath);
      const fuses = Object.keys(wire).filter((key) => key !== 'version');

      // Packaging fails on a wire longer than the fuses that it sets.
      expect(wire.version).toBe('1');
      expect(fuses.length).toBeLessThanOrEqual(KNOWN_FUSES.length);
    },
  );

  if (!electron.found) {
    console.warn(
      `Skipped the check against the installed Electron's fuse wire: ${electron.reason}`,
    );
  }
});
