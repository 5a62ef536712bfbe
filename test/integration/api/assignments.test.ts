import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  PROBLEM_TYPES,
  type AssignmentsResponse,
  type BatchDetail,
} from '../../../shared/api/schemas';
import { QUESTIONS } from '../../support/fixture-sitting';
import { testDialects } from '../../support/test-database';
import {
  signIn,
  startTestServer,
  type SignedIn,
  type TestServer,
} from '../../support/test-server';
import { expectProblem } from './support/problem';

const DEADLINE = '2099-07-03T18:00:00.000Z';

for (const { dialect, skipReason } of testDialects()) {
  describe.skipIf(skipReason !== null)(`assignments on ${dialect}`, () => {
    let server: TestServer;
    let amartin: SignedIn;

    beforeAll(async () => {
      server = await startTestServer(dialect, {
        copiesPerBatch: 4,
        deadline: DEADLINE,
      });
      amartin = await signIn(server, 'amartin');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('assignments list the batch, scheme and cursor', async () => {
      const response = await amartin.client.request<AssignmentsResponse>(
        'GET',
        '/api/v1/assignments',
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(
        /^application\/json/,
      );
      const { batches, schemes, cursor } = response.body;
      const imported = server.sitting.batches.find(
        (batch) => batch.grader === 'amartin',
      );
      expect(batches).toEqual([
        {
          id: imported?.id,
          sessionId: server.sitting.sittingId,
          subject: 'Philosophie',
          title: 'Lot 1',
          deadline: DEADLINE,
          status: 'open',
          schemeId: server.sitting.schemeId,
          copyCount: 4,
        },
      ]);
      expect(schemes).toHaveLength(1);
      expect(schemes[0]!.id).toBe(server.sitting.schemeId);
      expect(schemes[0]!.version).toBe(1);
      expect(schemes[0]!.title).toBe('Dissertation');
      expect(schemes[0]!.questions).toEqual(QUESTIONS);
      expect(schemes[0]!.totalPoints).toBe(20);
      expect(typeof cursor).toBe('string');
      expect(cursor).not.toBe('');
    });

    it('batch detail lists copies and scheme', async () => {
      const imported = server.sitting.batches.find(
        (batch) => batch.grader === 'amartin',
      )!;

      const response = await amartin.client.request<BatchDetail>(
        'GET',
        `/api/v1/batches/${imported.id}`,
      );

      expect(response.status).toBe(200);
      const { batch, copies, scheme } = response.body;
      expect(batch.id).toBe(imported.id);
      expect(batch.copyCount).toBe(4);
      expect(copies).toHaveLength(4);
      expect(copies.map((copy) => copy.anonymousCode)).toEqual([
        'A000000001',
        'A000000002',
        'A000000003',
        'A000000004',
      ]);
      expect(copies.map((copy) => copy.pageCount)).toEqual([2, 3, 4, 2]);
      for (const copy of copies) {
        const pdf = server.importedPdfs.get(copy.anonymousCode)!;
        expect(copy.batchId).toBe(imported.id);
        expect(copy.revision).toBe(1);
        expect(copy.scan.size).toBe(pdf.length);
        expect(copy.scan.contentType).toBe('application/pdf');
        expect(copy.scan.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(new Set(copies.map((copy) => copy.id)).size).toBe(4);
      expect(scheme.totalPoints).toBe(20);
      expect(scheme.questions).toEqual(QUESTIONS);
    });

    it('batch detail of an unknown batch is 404', async () => {
      const response = await amartin.client.request(
        'GET',
        '/api/v1/batches/unknown-batch',
      );

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain('"unknown-batch"');
      expect(problem.instance).toBe('/api/v1/batches/unknown-batch');
    });

    it('unknown route is a 404 problem', async () => {
      const response = await amartin.client.request(
        'GET',
        '/api/v1/no-such-route',
      );

      const problem = expectProblem(response, 404, PROBLEM_TYPES.notFound);
      expect(problem.detail).toContain('/api/v1/no-such-route');
    });
  });
}
