/**
 * The examiner's comment bank: comments saved once and inserted again with
 * a shortcut. Kept on this computer only, in the order they were saved.
 */
import { GRADE_LIMITS } from '../../../shared/api/schemas';
import type { CopydeskDatabase } from '../store/database';
import type { CommentBankRow } from '../store/rows';

/** Largest number of saved comments; the shortcuts reach the first nine. */
export const MAX_BANK_COMMENTS = 50;

export class CommentBankError extends Error {
  constructor(
    readonly reason: 'empty' | 'too-long' | 'full',
    message: string,
  ) {
    super(message);
    this.name = 'CommentBankError';
  }
}

/** Lists the saved comments, oldest first. */
export function listBankComments(
  db: CopydeskDatabase,
): Promise<CommentBankRow[]> {
  return db.commentBank.orderBy('createdAt').toArray();
}

/**
 * Saves `text` to the bank and returns its row; a comment already saved is
 * returned as it is. Raises `CommentBankError` for an empty or too long
 * text, or a full bank.
 */
export async function addBankComment(
  db: CopydeskDatabase,
  text: string,
  now: Date = new Date(),
): Promise<CommentBankRow> {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new CommentBankError('empty', 'Write the comment before saving it.');
  }
  if (trimmed.length > GRADE_LIMITS.commentLength) {
    throw new CommentBankError(
      'too-long',
      `The comment has ${trimmed.length} characters; the limit is ${GRADE_LIMITS.commentLength}.`,
    );
  }

  return db.transaction('rw', db.commentBank, async () => {
    const saved = await db.commentBank.toArray();
    const existing = saved.find((row) => row.text === trimmed);
    if (existing !== undefined) {
      return existing;
    }
    if (saved.length >= MAX_BANK_COMMENTS) {
      throw new CommentBankError(
        'full',
        `The comment bank holds ${MAX_BANK_COMMENTS} comments; remove one first.`,
      );
    }

    const row: CommentBankRow = {
      id: crypto.randomUUID(),
      text: trimmed,
      createdAt: now.toISOString(),
    };
    await db.commentBank.add(row);
    return row;
  });
}

/** Removes a saved comment; removing one already gone does nothing. */
export function removeBankComment(
  db: CopydeskDatabase,
  id: string,
): Promise<void> {
  return db.commentBank.delete(id);
}

/**
 * Returns `comment` with `addition` appended on a new line, or `addition`
 * alone when the comment is empty.
 */
export function appendToComment(comment: string, addition: string): string {
  const base = comment.trimEnd();
  return base === '' ? addition : `${base}\n${addition}`;
}
