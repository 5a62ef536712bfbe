/**
 * The examiner's own rotation of each page of a copy, kept on this computer
 * with the copy so that a sideways scan stays upright the next time it is
 * opened. The rotation is added to the PDF's own `/Rotate`.
 */
import { toRotation, type Rotation } from '../pages/page-frame';
import type { CopydeskDatabase } from '../store/database';

/** Rotations by page number; a page left out is not rotated. */
export type PageRotations = Readonly<Record<number, Rotation>>;

/** Returns the examiner's rotations of the copy's pages. */
export async function readPageRotations(
  db: CopydeskDatabase,
  copyId: string,
): Promise<PageRotations> {
  const row = await db.pageViews.get(copyId);
  const rotations: Record<number, Rotation> = {};
  for (const [page, degrees] of Object.entries(row?.rotations ?? {})) {
    // A value this client did not write is ignored rather than trusted.
    try {
      const rotation = toRotation(degrees);
      if (rotation !== 0) {
        rotations[Number(page)] = rotation;
      }
    } catch {
      continue;
    }
  }
  return rotations;
}

/**
 * Stores the examiner's rotation of one page. Rejects a page that is not a
 * whole number from 1, or a rotation that is not a multiple of 90 degrees.
 */
export function savePageRotation(
  db: CopydeskDatabase,
  copyId: string,
  page: number,
  degrees: number,
): Promise<void> {
  if (!Number.isInteger(page) || page < 1) {
    return Promise.reject(
      new RangeError(`Page ${page} is not a page number: pages count from 1`),
    );
  }
  let rotation: Rotation;
  try {
    rotation = toRotation(degrees);
  } catch (error) {
    return Promise.reject(error);
  }

  return db.transaction('rw', db.pageViews, async () => {
    const row = await db.pageViews.get(copyId);
    const rotations = { ...(row?.rotations ?? {}) };
    if (rotation === 0) {
      delete rotations[page];
    } else {
      rotations[page] = rotation;
    }
    await db.pageViews.put({ copyId, rotations });
  });
}
