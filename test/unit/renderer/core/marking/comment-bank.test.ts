import 'fake-indexeddb/auto';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  addBankComment,
  appendToComment,
  CommentBankError,
  listBankComments,
  MAX_BANK_COMMENTS,
  removeBankComment,
} from '../../../../../renderer/core/marking/comment-bank';
import { openTestStore, type TestStore } from '../store/test-store';

let store: TestStore;

beforeEach(() => {
  store = openTestStore();
});

afterEach(() => {
  store.db.close();
});

describe('comment bank', () => {
  it('lists saved comments oldest first', async () => {
    await addBankComment(store.db, 'Bonne problématique', new Date(2000));
    await addBankComment(store.db, '  Hors sujet  ', new Date(1000));

    const texts = (await listBankComments(store.db)).map((row) => row.text);

    expect(texts).toEqual(['Hors sujet', 'Bonne problématique']);
  });

  it('keeps one row per text', async () => {
    const first = await addBankComment(store.db, 'Soigné');
    const second = await addBankComment(store.db, 'Soigné ');

    expect(second.id).toBe(first.id);
    expect(await store.db.commentBank.count()).toBe(1);
  });

  it('rejects an empty comment', async () => {
    await expect(addBankComment(store.db, '   ')).rejects.toMatchObject({
      reason: 'empty',
    });
    expect(await store.db.commentBank.count()).toBe(0);
  });

  it('rejects a comment over the grade comment limit', async () => {
    const error = await addBankComment(store.db, 'a'.repeat(20_001)).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(CommentBankError);
    expect((error as Error).message).toContain('20001');
  });

  it('refuses more than the maximum, keeping what is saved', async () => {
    for (let index = 0; index < MAX_BANK_COMMENTS; index += 1) {
      await addBankComment(store.db, `Commentaire ${index}`);
    }

    await expect(addBankComment(store.db, 'Un de trop')).rejects.toMatchObject({
      reason: 'full',
    });
    expect(await store.db.commentBank.count()).toBe(MAX_BANK_COMMENTS);
  });

  it('removes a comment', async () => {
    const row = await addBankComment(store.db, 'À revoir');

    await removeBankComment(store.db, row.id);
    await removeBankComment(store.db, row.id);

    expect(await listBankComments(store.db)).toEqual([]);
  });
});

describe('appendToComment', () => {
  it('adds on a new line, or alone', () => {
    expect(appendToComment('', 'Bien')).toBe('Bien');
    expect(appendToComment('Clair.\n\n', 'Bien')).toBe('Clair.\nBien');
  });
});
