import { describe, expect, it } from 'vitest';

import { prefillReport } from '../../../../../renderer/core/ocr/integrity-finding';

describe('prefillReport', () => {
  it('names the code read on a wrong-copy page', () => {
    const prefill = prefillReport(
      {
        kind: 'wrong-copy',
        pages: [3],
        anonymousCode: 'A000184098',
        expectedCode: 'A000184097',
      },
      3,
    );

    expect(prefill.kind).toBe('wrong-copy');
    expect(prefill.pages).toEqual([3]);
    expect(prefill.note).toBe(
      'Page 3 : code d’anonymat lu A000184098 au lieu de A000184097.',
    );
  });

  it('lists the pages around a gap in French', () => {
    const prefill = prefillReport(
      { kind: 'page-number-missing', pages: [1, 2], pageNumber: 2 },
      3,
    );

    expect(prefill.kind).toBe('missing-page');
    expect(prefill.note).toBe(
      'Aucune page ne porte le numéro 2 (entre les pages 1 et 2 du scan).',
    );
  });

  it('drops pages outside the scan', () => {
    const prefill = prefillReport({ kind: 'blank-page', pages: [2, 9] }, 3);

    expect(prefill.kind).toBe('unreadable-page');
    expect(prefill.pages).toEqual([2]);
  });
});
