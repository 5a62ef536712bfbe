/**
 * The merge of the copies the server lists into the stored copy rows. It
 * keeps the fields that only the client stores: whether the scan is
 * downloaded, and when a copy was withdrawn.
 */
import type { Copy } from '../../../shared/api/schemas';
import type { CopyRow, DownloadState } from '../store/rows';

/** The stored scan of a copy, as far as the merge needs it. */
export interface StoredScanVersion {
  revision: number;
  sha256: string;
}

export interface CopyMergeInput {
  /** Every copy that GET /batches/{id} listed for the assigned batches. */
  serverCopies: readonly Copy[];
  /** Ids of the batches that GET /assignments listed. */
  assignedBatchIds: ReadonlySet<string>;
  /** Stored rows of the assigned batches and of every listed copy. */
  storedCopies: ReadonlyMap<string, CopyRow>;
  /** Stored scans of the listed copies, by copy id. */
  storedScans: ReadonlyMap<string, StoredScanVersion>;
  /** SHA-256 of the partial download of each listed copy, by copy id. */
  partialSha256: ReadonlyMap<string, string>;
  /** Time recorded on copies found withdrawn, as an ISO string. */
  now: string;
}

export interface CopyMerge {
  /** Rows to put: one per listed copy, and one per copy newly withdrawn. */
  rows: CopyRow[];
  /** Copies with no stored row before. */
  added: number;
  /** Listed copies whose stored scan is not the server's current one. */
  outdated: number;
  /** Copies of an assigned batch that the server stopped listing. */
  withdrawn: string[];
}

/**
 * Merges the server's copies into the stored rows.
 *
 * `download` and `storedRevision` are read again from the `scans` and
 * `partials` tables, which is what `EncryptedScanStore.hasScan` and
 * `loadPartial` check: a scan counts as stored only when its SHA-256 is the
 * server's current one. A rescanned copy therefore reads `missing` (or
 * `partial` when a download of the new scan was started) while its older
 * scan stays in `scans` until the new one is saved.
 */
export function mergeCopies(input: CopyMergeInput): CopyMerge {
  const merge: CopyMerge = { rows: [], added: 0, outdated: 0, withdrawn: [] };
  const listed = new Set<string>();

  for (const copy of input.serverCopies) {
    listed.add(copy.id);
    const scan = input.storedScans.get(copy.id);

    if (!input.storedCopies.has(copy.id)) {
      merge.added += 1;
    }
    if (scan !== undefined && scan.sha256 !== copy.scan.sha256) {
      merge.outdated += 1;
    }

    merge.rows.push({
      ...copy,
      download: downloadState(copy, scan, input.partialSha256.get(copy.id)),
      storedRevision: scan?.revision ?? null,
      withdrawnAt: null,
    });
  }

  for (const stored of input.storedCopies.values()) {
    const unlisted =
      !listed.has(stored.id) && input.assignedBatchIds.has(stored.batchId);
    if (unlisted && stored.withdrawnAt === null) {
      merge.withdrawn.push(stored.id);
      merge.rows.push(withdrawnRow(stored, input.now));
    }
  }
  return merge;
}

function downloadState(
  copy: Copy,
  scan: StoredScanVersion | undefined,
  partialSha256: string | undefined,
): DownloadState {
  if (scan?.sha256 === copy.scan.sha256) {
    return 'stored';
  }
  if (partialSha256 === copy.scan.sha256) {
    return 'partial';
  }
  return 'missing';
}

// The same change as `EncryptedScanStore.markWithdrawn`: the partial
// download is dropped with it, and a stored scan stays until the sync
// engine finds nothing of the copy left to push.
function withdrawnRow(stored: CopyRow, now: string): CopyRow {
  return {
    ...stored,
    download: stored.download === 'partial' ? 'missing' : stored.download,
    withdrawnAt: now,
  };
}
