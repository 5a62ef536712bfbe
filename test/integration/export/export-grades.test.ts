import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import {
  exportGrades,
  OutputExistsError,
} from '../../../server/export/export-grades';
import { UnknownSittingError } from '../../../server/export/grade-rows';
import {
  createTestDatabase,
  testDialects,
  type TestDatabase,
} from '../../support/test-database';
import { seedCopy, seedSitting, type SeedQuestion } from './seed-grades';

const QUESTIONS: SeedQuestion[] = [
  { id: 'q1', label: 'Introduction', maxPoints: 4, step: 0.25 },
  { id: 'q2', label: 'Développement', maxPoints: 12, step: 0.25 },
  { id: 'q3', label: 'Précision', maxPoints: 1, step: 0.1 },
  { id: 'q4', label: 'Précision', maxPoints: 1, step: 0.1 },
];

const HEADER =
  'sitting,batch,grader,anonymous_code,copy_id,grade_status,q1,q2,q3,q4,total,flags,comment,updated_at,updated_by';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`exportGrades on ${dialect}`, () => {
    let database: TestDatabase;
    let folder: string;
    let out: string;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      folder = await mkdtemp(path.join(tmpdir(), 'copydesk-export-'));
      out = path.join(folder, 'notes.csv');
    });

    afterEach(async () => {
      await database.cleanup();
      await rm(folder, { recursive: true, force: true });
    });

    test('graded and ungraded copies', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026',
        questions: QUESTIONS,
      });
      await seedCopy(db, batch, {
        id: 'c1',
        code: 'A000005057',
        grade: {
          status: 'final',
          marks: { q1: 3.5, q2: 10.75, q3: 0.1, q4: 0.2 },
          comment: 'Bon travail',
          flags: ['illegible', 'other'],
        },
      });
      await seedCopy(db, batch, { id: 'c2', code: 'A000005058' });

      const summary = await exportGrades(database.handle, out);

      expect(summary).toEqual({ path: out, rows: 2 });
      expect(await readFile(out, 'utf8')).toBe(
        '\uFEFF' +
          `${HEADER}\r\n` +
          'Bac 2026,Lot 12,amartin,A000005057,c1,final,3.5,10.75,0.1,0.2,14.55,illegible;other,Bon travail,2026-06-25T14:30:00.000Z,amartin\r\n' +
          'Bac 2026,Lot 12,amartin,A000005058,c2,,,,,,,,,,\r\n',
      );
    });

    test('totals exact for quarter points', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026',
        questions: QUESTIONS,
      });
      const cases: { marks: Record<string, number>; total: string }[] = [
        { marks: { q1: 0.25, q2: 0.5, q3: 0.1, q4: 0.2 }, total: '1.05' },
        { marks: { q1: 3.75, q2: 11.75, q3: 0.7, q4: 0.1 }, total: '16.3' },
        { marks: { q1: 0.25, q2: 0.25 }, total: '0.5' },
        { marks: { q1: 4, q2: 12, q3: 1, q4: 1 }, total: '18' },
        { marks: {}, total: '0' },
      ];
      for (const [index, entry] of cases.entries()) {
        await seedCopy(db, batch, {
          id: `c${index}`,
          code: `A${index}`,
          grade: { status: 'draft', marks: entry.marks },
        });
      }

      await exportGrades(database.handle, out);

      const rows = (await readFile(out, 'utf8')).split('\r\n').slice(1, -1);
      const totals = rows.map((row) => row.split(',')[10]);
      expect(totals).toEqual(cases.map((entry) => entry.total));
    });

    test('fields with commas, quotes, newlines quoted', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026, philosophie',
        questions: QUESTIONS,
      });
      await seedCopy(db, batch, {
        id: 'c1',
        code: 'A1',
        grade: {
          status: 'final',
          marks: { q1: 1 },
          comment:
            'Le "moi", selon Descartes :\npas assez développé.\r\nÀ revoir',
        },
      });

      await exportGrades(database.handle, out);

      const text = await readFile(out, 'utf8');
      expect(text).toContain(
        '"Bac 2026, philosophie",Lot 12,amartin,A1,c1,final,1,,,,1,,' +
          '"Le ""moi"", selon Descartes :\npas assez développé.\r\nÀ revoir",',
      );
    });

    test('formulas neutralised in every text field', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: '=1+1',
        questions: QUESTIONS,
        batchTitle: '@SUM(A1:A9)',
      });
      const comments = [
        '=HYPERLINK("http://example.invalid","clic")',
        '+33 1 23 45 67 89',
        '-2 points pour le hors-sujet',
        '@moi',
        '\tdécalé',
        '\rretour',
        'Note = 12',
      ];
      for (const [index, comment] of comments.entries()) {
        await seedCopy(db, batch, {
          id: `c${index}`,
          code: `A${index}`,
          grade: { status: 'draft', marks: { q1: 1 }, comment },
        });
      }

      await exportGrades(database.handle, out);

      const text = await readFile(out, 'utf8');
      expect(text).toContain(`'=1+1,'@SUM(A1:A9),amartin,A0,c0,`);
      expect(text).toContain(
        `,"'=HYPERLINK(""http://example.invalid"",""clic"")",`,
      );
      expect(text).toContain(`,'+33 1 23 45 67 89,`);
      expect(text).toContain(`,'-2 points pour le hors-sujet,`);
      expect(text).toContain(`,'@moi,`);
      expect(text).toContain(`,'\tdécalé,`);
      expect(text).toContain(`,"'\rretour",`);
      expect(text).toContain(`,Note = 12,`);
    });

    test('existing file kept without force', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026',
        questions: QUESTIONS,
      });
      await seedCopy(db, batch, { id: 'c1', code: 'A1' });
      await writeFile(out, 'previous export');

      const error = await exportGrades(database.handle, out).catch(
        (caught: unknown) => caught,
      );

      expect(error).toBeInstanceOf(OutputExistsError);
      expect((error as Error).message).toBe(
        `${out} already exists: pass --force to replace it`,
      );
      expect(await readFile(out, 'utf8')).toBe('previous export');
      expect(await readdir(folder)).toEqual(['notes.csv']);
    });

    test('force replaces existing file', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026',
        questions: QUESTIONS,
      });
      await seedCopy(db, batch, { id: 'c1', code: 'A1' });
      await writeFile(out, 'previous export');

      const summary = await exportGrades(database.handle, out, { force: true });

      expect(summary.rows).toBe(1);
      expect(await readFile(out, 'utf8')).toContain(
        'Bac 2026,Lot 12,amartin,A1,c1,',
      );
      expect(await readdir(folder)).toEqual(['notes.csv']);
    });

    test('failed export leaves no file', async () => {
      const db = database.handle.db;
      const batch = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026',
        questions: QUESTIONS,
      });
      await seedCopy(db, batch, {
        id: 'c1',
        code: 'A1',
        grade: { status: 'draft', marks: { q1: -1 } },
      });

      const error = await exportGrades(database.handle, out).catch(
        (caught: unknown) => caught,
      );

      expect((error as Error).message).toContain(
        'Copy c1 has an invalid mark -1 for question q1',
      );
      expect(await readdir(folder)).toEqual([]);
    });

    test('one sitting, question columns of every scheme', async () => {
      const db = database.handle.db;
      const first = await seedSitting(db, {
        id: 's1',
        title: 'Bac 2026, philosophie',
        questions: QUESTIONS.slice(0, 2),
      });
      const second = await seedSitting(db, {
        id: 's2',
        title: 'Bac 2026, histoire',
        questions: [{ id: 'h1', label: 'Analyse', maxPoints: 20, step: 0.5 }],
        grader: 'bbernard',
        batchTitle: 'Lot 3',
      });
      await seedCopy(db, first, {
        id: 'c1',
        code: 'P1',
        grade: { status: 'final', marks: { q1: 2, q2: 6 } },
      });
      await seedCopy(db, second, {
        id: 'c2',
        code: 'H1',
        grade: { status: 'final', marks: { h1: 13.5 } },
      });
      await seedCopy(db, second, { id: 'c3', code: 'H2', withdrawn: true });

      await exportGrades(database.handle, out);
      const all = (await readFile(out, 'utf8')).split('\r\n');

      expect(all[0]).toBe(
        '\uFEFFsitting,batch,grader,anonymous_code,copy_id,grade_status,h1,q1,q2,total,flags,comment,updated_at,updated_by',
      );
      expect(all.slice(1)).toEqual([
        '"Bac 2026, histoire",Lot 3,bbernard,H1,c2,final,13.5,,,13.5,,,2026-06-25T14:30:00.000Z,bbernard',
        '"Bac 2026, philosophie",Lot 12,amartin,P1,c1,final,,2,6,8,,,2026-06-25T14:30:00.000Z,amartin',
        '',
      ]);

      const only = path.join(folder, 'philosophie.csv');
      const summary = await exportGrades(database.handle, only, {
        sittingId: 's1',
      });
      expect(summary.rows).toBe(1);
      expect((await readFile(only, 'utf8')).split('\r\n')[0]).toBe(
        '\uFEFFsitting,batch,grader,anonymous_code,copy_id,grade_status,q1,q2,total,flags,comment,updated_at,updated_by',
      );
    });

    test('unknown sitting rejected', async () => {
      const error = await exportGrades(database.handle, out, {
        sittingId: 'nope',
      }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(UnknownSittingError);
      expect(await readdir(folder)).toEqual([]);
    });
  });
}
