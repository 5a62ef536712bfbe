import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../../..');

async function readConfig(): Promise<Configuration> {
  const text = await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  return parse(text) as Configuration;
}

/** Runs the schema check that the electron-builder CLI runs first. */
function validate(config: Configuration): Promise<void> {
  return validateConfiguration(config, new DebugLogger(false));
}

/** Reads the width and height from a PNG file's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it('passes the schema check', async () => {
    await expect(validate(await readConfig())).resolves.toBeUndefined();
  });

  it('rejects an unknown option', async () => {
    const config = { ...(await readConfig()), fuses: { runAsNode: false } };

    await expect(validate(config as Configuration)).rejects.toThrow(/fuses/);
  });

  it('rejects a wrongly typed option', async () => {
    const config = await readConfig();
    const broken = { ...config, nsis: { ...config.nsis, perMachine: 'no' } };

    await expect(validate(broken as unknown as Configuration)).rejects.toThrow(
      /perMachine/,
    );
  });

  it('installs NSIS per user and the MSI per machine', async () => {
    const config = await readConfig();

    expect(config.win?.target).toBe('nsis');
    expect(config.nsis?.perMachine).toBe(false);
    expect(config.msi?.perMachine).toBe(true);
    expect(config.msi?.upgradeCode).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('builds DMG and zip with the hardened runtime', async () => {
    const config = await readConfig();

    expect(config.mac?.target).toEqual(['dmg', 'zip']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(existsSync(path.join(ROOT, config.mac?.entitlements ?? ''))).toBe(
      true,
    );
  });

  it('builds AppImage and deb', async () => {
    const config = await readConfig();

    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('publishes to a generic server', async () => {
    const config = await readConfig();

    expect(config.publish).toEqual({
      provider: 'generic',
      url: 'https://updates.copydesk.invalid/',
    });
  });

  it('refers to files that exist', async () => {
    const config = await readConfig();
    const files = [
      config.afterPack,
      config.win?.icon,
      config.mac?.icon,
      config.linux?.icon,
    ];

    for (const file of files) {
      expect(typeof file, String(file)).toBe('string');
      expect(existsSync(path.join(ROOT, file as string)), file as string).toBe(
        true,
      );
    }
  });

  it('has a 1024 px icon', async () => {
    const png = await readFile(path.join(ROOT, 'build/icon.png'));

    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngSize(png)).toEqual({ width: 1024, height: 1024 });
  });
});
