import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { verifyPassword } from '../../../server/auth/passwords';
import { ImportError } from '../../../server/import/import-problem';
import {
  importSitting,
  type ImportProgress,
} from '../../../server/import/import-sitting';
import { FileScanStorage } from '../../../server/storage/file-storage';
import type { ScanStorage } from '../../../server/storage/scan-storage';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';
import {
  createSittingFolder,
  PAGE_COUNTS,
  PASSWORDS,
  validSitting,
  type SittingFolder,
} from './support/sitting-folder';
import { countRows, EMPTY_TABLES, listFiles } from './support/stored-state';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`importSitting on ${dialect}`, () => {
    let database: TestDatabase;
    let storageRoot: string;
    let storage: FileScanStorage;
    let sitting: SittingFolder;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      storageRoot = await mkdtemp(path.join(tmpdir(), 'copydesk-scans-'));
      storage = new FileScanStorage(storageRoot);
      sitting = await createSittingFolder();
    });

    afterEach(async () => {
      await database.cleanup();
      await rm(storageRoot, { recursive: true, force: true });
      await sitting.remove();
    });

    test('valid sitting writes every row', async () => {
      const summary = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      });
      const db = database.handle.db;

      expect(summary.copyCount).toBe(5);
      expect(summary.pageCount).toBe(9);
      expect(await countRows(db)).toEqual({
        ...EMPTY_TABLES,
        graders: 3,
        sittings: 1,
        sitting_members: 3,
        schemes: 1,
        batches: 2,
        copies: 5,
        changes: 2,
      });

      const sittingRow = await db
        .selectFrom('sittings')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(sittingRow.id).toBe(summary.sittingId);
      expect(sittingRow.title).toBe('Baccalauréat 2026, philosophie');
      expect(sittingRow.subject).toBe('Philosophie');

      const scheme = await db
        .selectFrom('schemes')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect(scheme.version).toBe(1);
      expect(scheme.sitting_id).toBe(summary.sittingId);
      expect(Number(scheme.total_hundredths)).toBe(2000);
      expect(JSON.parse(scheme.questions)).toEqual(
        validSitting().scheme.questions,
      );

      const members = await db
        .selectFrom('sitting_members')
        .innerJoin('graders', 'graders.id', 'sitting_members.grader_id')
        .select(['graders.username', 'sitting_members.role'])
        .orderBy('graders.username')
        .execute();
      expect(members).toEqual([
        { username: 'amartin', role: 'grader' },
        { username: 'bbernard', role: 'grader' },
        { username: 'chef', role: 'supervisor' },
      ]);

      const batches = await db
        .selectFrom('batches')
        .innerJoin('graders', 'graders.id', 'batches.grader_id')
        .select([
          'batches.id',
          'batches.title',
          'batches.subject',
          'batches.deadline',
          'batches.status',
          'batches.scheme_id',
          'batches.withdrawn_at',
          'graders.username',
        ])
        .orderBy('batches.title')
        .execute();
      expect(batches).toEqual([
        {
          id: summary.batches[0]?.id,
          title: 'Lot 12',
          subject: 'Philosophie',
          deadline: '2026-07-03T18:00:00.000Z',
          status: 'open',
          scheme_id: scheme.id,
          withdrawn_at: null,
          username: 'amartin',
        },
        {
          id: summary.batches[1]?.id,
          title: 'Lot 13',
          subject: 'Philosophie',
          deadline: '2026-07-04T18:00:00.000Z',
          status: 'open',
          scheme_id: scheme.id,
          withdrawn_at: null,
          username: 'bbernard',
        },
      ]);

      const changes = await db
        .selectFrom('changes')
        .selectAll()
        .orderBy('seq')
        .execute();
      expect(
        changes.map((change) => [
          change.kind,
          change.batch_id,
          change.grader_id,
        ]),
      ).toEqual(
        batches.map((batch) => [
          'batch-assigned',
          batch.id,
          summary.graders.find((grader) => grader.username === batch.username)
            ?.id,
        ]),
      );
    });

    test('scans stored with SHA-256 and page count', async () => {
      const summary = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      });

      const copies = await database.handle.db
        .selectFrom('copies')
        .selectAll()
        .orderBy('anonymous_code')
        .execute();
      const files = validSitting().batches.flatMap((batch) => batch.copies);
      expect(copies.map((copy) => copy.anonymous_code)).toEqual(
        files.map((copy) => copy.anonymousCode).sort(),
      );

      for (const copy of copies) {
        const file = files.find(
          (entry) => entry.anonymousCode === copy.anonymous_code,
        )?.file as string;
        const original = await readFile(path.join(sitting.folder, file));

        expect(copy.storage_key).toBe(`${summary.sittingId}/${copy.id}-r1.pdf`);
        expect(copy.sha256).toBe(sha256(original));
        expect(Number(copy.size)).toBe(original.length);
        expect(copy.page_count).toBe(PAGE_COUNTS[file]);
        expect(copy.revision).toBe(1);
        expect(copy.content_type).toBe('application/pdf');
        expect(copy.sitting_id).toBe(summary.sittingId);

        const stored = await readFile(path.join(storageRoot, copy.storage_key));
        expect(sha256(stored)).toBe(copy.sha256);
      }
      expect(await listFiles(storageRoot)).toHaveLength(5);
    });

    test('passwords stored only as hashes', async () => {
      await importSitting(sitting.folder, { db: database.handle, storage });

      const graders = await database.handle.db
        .selectFrom('graders')
        .selectAll()
        .orderBy('username')
        .execute();
      expect(graders.map((grader) => grader.display_name)).toEqual([
        'A. Martin',
        'B. Bernard',
        'Chef de jury',
      ]);
      for (const grader of graders) {
        const password = PASSWORDS[grader.username as keyof typeof PASSWORDS];
        expect(grader.password_hash).toMatch(/^scrypt\$/);
        expect(await verifyPassword(password, grader.password_hash)).toBe(true);
      }

      const dump = JSON.stringify(await dumpAllRows(database));
      for (const password of Object.values(PASSWORDS)) {
        expect(dump).not.toContain(password);
      }
    });

    test('existing grader keeps account and password', async () => {
      const db = database.handle.db;
      await db
        .insertInto('graders')
        .values({
          id: 'existing-amartin',
          username: 'amartin',
          display_name: 'Anne Martin',
          password_hash: 'scrypt$kept',
          created_at: '2025-01-01T00:00:00.000Z',
        })
        .execute();

      const summary = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      });

      const amartin = await db
        .selectFrom('graders')
        .selectAll()
        .where('username', '=', 'amartin')
        .executeTakeFirstOrThrow();
      expect(amartin).toEqual({
        id: 'existing-amartin',
        username: 'amartin',
        display_name: 'Anne Martin',
        password_hash: 'scrypt$kept',
        created_at: '2025-01-01T00:00:00.000Z',
      });
      expect(summary.graders[0]).toEqual({
        id: 'existing-amartin',
        username: 'amartin',
        role: 'grader',
        created: false,
      });

      const membership = await db
        .selectFrom('sitting_members')
        .selectAll()
        .where('grader_id', '=', 'existing-amartin')
        .execute();
      expect(membership).toEqual([
        {
          sitting_id: summary.sittingId,
          grader_id: 'existing-amartin',
          role: 'grader',
        },
      ]);
      expect((await countRows(db)).graders).toBe(3);
    });

    test('progress reported per file', async () => {
      const progress: ImportProgress[] = [];
      await importSitting(sitting.folder, {
        db: database.handle,
        storage,
        onProgress: (event) => progress.push(event),
      });

      const checking = progress.filter((event) => event.step === 'checking');
      const storing = progress.filter((event) => event.step === 'storing');
      expect(checking.map((event) => event.file).sort()).toEqual(
        Object.keys(PAGE_COUNTS).sort(),
      );
      expect(checking.map((event) => event.done)).toEqual([1, 2, 3, 4, 5]);
      expect(storing.map((event) => event.done)).toEqual([1, 2, 3, 4, 5]);
      expect(storing.every((event) => event.total === 5)).toBe(true);
    });

    test('second import of same title rejected', async () => {
      const first = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      });
      const before = await countRows(database.handle.db);

      const error = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).problems).toEqual([
        {
          where: 'title',
          message: expect.stringContaining(
            `"Baccalauréat 2026, philosophie" was already imported (id ${first.sittingId})`,
          ),
        },
      ]);
      expect(await countRows(database.handle.db)).toEqual(before);
      expect(await listFiles(storageRoot)).toHaveLength(5);
    });

    test('title taken during import removes stored scans', async () => {
      const db = database.handle.db;

      // Another import of the same title commits after this one checked the
      // title, while it reads the PDFs.
      let inserted = false;
      const error = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
        onProgress: (event) => {
          if (event.step === 'checking' && !inserted) {
            inserted = true;
            void db
              .insertInto('sittings')
              .values({
                id: 'concurrent',
                title: 'Baccalauréat 2026, philosophie',
                subject: 'Philosophie',
                created_at: new Date().toISOString(),
              })
              .execute();
          }
        },
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).problems[0]?.where).toBe('title');
      expect(await countRows(db)).toEqual({ ...EMPTY_TABLES, sittings: 1 });
      expect(await listFiles(storageRoot)).toEqual([]);
    });

    test('failed transaction writes nothing and removes scans', async () => {
      const db = database.handle.db;

      // Without the changes table, the last inserts of the transaction fail
      // after every other row was written. The checks before never read it.
      await sql`drop table changes`.execute(db);

      const error = await importSitting(sitting.folder, {
        db: database.handle,
        storage,
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ImportError);
      for (const table of [
        'graders',
        'sittings',
        'sitting_members',
        'schemes',
        'batches',
        'copies',
      ] as const) {
        const rows = await db.selectFrom(table).selectAll().execute();
        expect(rows, table).toEqual([]);
      }
      expect(await listFiles(storageRoot)).toEqual([]);
    });

    test('storage failure removes stored scans', async () => {
      let puts = 0;
      const failing: ScanStorage = {
        description: storage.description,
        putFile: async (key, source) => {
          puts += 1;
          if (puts === 3) {
            throw new Error('disk full');
          }
          await storage.putFile(key, source);
        },
        openRead: (key, range) => storage.openRead(key, range),
        size: (key) => storage.size(key),
        delete: (key) => storage.delete(key),
        checkReady: () => storage.checkReady(),
      };

      const error = await importSitting(sitting.folder, {
        db: database.handle,
        storage: failing,
      }).catch((caught: unknown) => caught);

      expect((error as Error).message).toMatch(
        /^Storing the scan of .* failed: disk full$/,
      );
      expect(await countRows(database.handle.db)).toEqual(EMPTY_TABLES);
      expect(await listFiles(storageRoot)).toEqual([]);
    });
  });
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function dumpAllRows(database: TestDatabase): Promise<unknown[]> {
  const db = database.handle.db;
  return [
    await db.selectFrom('graders').selectAll().execute(),
    await db.selectFrom('sittings').selectAll().execute(),
    await db.selectFrom('sitting_members').selectAll().execute(),
    await db.selectFrom('schemes').selectAll().execute(),
    await db.selectFrom('batches').selectAll().execute(),
    await db.selectFrom('copies').selectAll().execute(),
    await db.selectFrom('changes').selectAll().execute(),
  ];
}
