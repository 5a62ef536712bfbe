/**
 * The chief examiner (`chef`, a supervisor of the fixture sitting), who may
 * read and write any grade through the API while the examiner works.
 */
import { randomUUID } from 'node:crypto';

import type { Grade } from '../../../shared/api/schemas';
import { signIn, type ApiClient } from '../../support/test-server';

export class Supervisor {
  private constructor(
    private readonly client: ApiClient,
    readonly graderId: string,
  ) {}

  static async signIn(server: { url: string }): Promise<Supervisor> {
    const session = await signIn(server, 'chef');
    return new Supervisor(session.client, session.graderId);
  }

  /** Reads the copy's grade; raises unless the server returns one. */
  async readGrade(copyId: string): Promise<Grade> {
    const response = await this.client.request<Grade>(
      'GET',
      `/api/v1/copies/${copyId}/grade`,
    );
    if (response.status !== 200) {
      throw new Error(
        `Reading the grade of copy ${copyId} as chef returned ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }

  /**
   * Writes the copy's grade over `version` with `If-Match`, as a
   * supervisor's correction, and returns the stored grade.
   */
  async writeGrade(
    copyId: string,
    version: number,
    grade: Pick<
      Grade,
      'status' | 'marks' | 'comment' | 'flags' | 'annotations'
    >,
  ): Promise<Grade> {
    const response = await this.client.request<Grade>(
      'PUT',
      `/api/v1/copies/${copyId}/grade`,
      {
        headers: {
          'if-match': `"${version}"`,
          'idempotency-key': randomUUID(),
        },
        body: {
          status: grade.status,
          marks: grade.marks,
          comment: grade.comment,
          flags: grade.flags,
          annotations: grade.annotations,
          clientUpdatedAt: new Date().toISOString(),
        },
      },
    );
    if (response.status !== 200) {
      throw new Error(
        `Writing the grade of copy ${copyId} as chef returned ${response.status}: ${JSON.stringify(response.body)}`,
      );
    }
    return response.body;
  }
}
