import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileScanStorage } from '../../../server/storage/file-storage';
import { describeScanStorageContract } from './scan-storage-contract';

describeScanStorageContract('file', async () => {
  const parent = await mkdtemp(path.join(tmpdir(), 'file-storage-'));
  const blocker = path.join(parent, 'not-a-folder');
  await writeFile(blocker, 'a file where the folder should be');

  return {
    storage: new FileScanStorage(path.join(parent, 'scans')),
    unreachable: new FileScanStorage(path.join(blocker, 'scans')),
    unreachableMessage: /not-a-folder\/scans is not a writable folder/,
    cleanup: () => rm(parent, { recursive: true, force: true }),
  };
});

describe('file scan storage on disk', () => {
  let parent: string;
  let root: string;
  let sourcePath: string;

  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'file-storage-disk-'));
    root = path.join(parent, 'scans');
    sourcePath = path.join(parent, 'source.pdf');
    await writeFile(sourcePath, '%PDF-1.7 scan');
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('creates the folder on first write', async () => {
    const storage = new FileScanStorage(root);

    await storage.putFile('s1/AB12.pdf', sourcePath);

    const stored = await readFile(path.join(root, 's1', 'AB12.pdf'), 'utf8');
    expect(stored).toBe('%PDF-1.7 scan');
  });

  it('leaves no temporary file after writes', async () => {
    const storage = new FileScanStorage(root);

    await storage.putFile('s2/CD34.pdf', sourcePath);
    await storage.putFile('s2/CD34.pdf', sourcePath);

    expect(await readdir(path.join(root, 's2'))).toEqual(['CD34.pdf']);
  });

  it('leaves no temporary file after a failed write', async () => {
    const storage = new FileScanStorage(root);
    await storage.putFile('s3/EF56.pdf', sourcePath);

    const missingSource = path.join(parent, 'missing.pdf');
    await expect(storage.putFile('s3/EF56.pdf', missingSource)).rejects.toThrow(
      /ENOENT/,
    );

    expect(await readdir(path.join(root, 's3'))).toEqual(['EF56.pdf']);
    expect(await readFile(path.join(root, 's3', 'EF56.pdf'), 'utf8')).toBe(
      '%PDF-1.7 scan',
    );
  });

  it('writes nothing outside the folder', async () => {
    const storage = new FileScanStorage(root);

    await expect(storage.putFile('../escaped.pdf', sourcePath)).rejects.toThrow(
      /Invalid scan key "..\/escaped.pdf"/,
    );

    expect(await readdir(parent)).not.toContain('escaped.pdf');
  });

  it('describes itself by its absolute folder', () => {
    const storage = new FileScanStorage('relative/scans');

    expect(storage.description).toBe(`file:${path.resolve('relative/scans')}`);
  });
});
