/**
 * The progress of a batch download, as the progress bar and the copy list
 * show it, and the tracker that keeps it up to date.
 */
import type { Copy } from '../../../shared/api/schemas';
import type { LocalizedMessage } from './messages';
import { ThroughputMeter, estimateSecondsLeft } from './throughput';

export type CopyDownloadState =
  'queued' | 'downloading' | 'verifying' | 'stored' | 'withdrawn' | 'failed';

export interface CopyProgress {
  copyId: string;
  anonymousCode: string;
  state: CopyDownloadState;
  /** Bytes of this scan received, counting a resumed partial download. */
  bytesDone: number;
  /** Size of the scan in bytes, from the copy's listing. */
  size: number;
  /** Reason shown for a failed copy; null unless `state` is `failed`. */
  failure: LocalizedMessage | null;
}

export interface DownloadProgress {
  /** Bytes held of every copy not withdrawn. */
  bytesDone: number;
  /** Total size of every copy not withdrawn. */
  bytesTotal: number;
  /** Copies stored and verified. */
  copiesDone: number;
  /** Copies not withdrawn. */
  copiesTotal: number;
  copies: CopyProgress[];
  /** Whether downloads wait for the server to be reachable again. */
  offline: boolean;
  /** Moving average of the download rate; null until it can be measured. */
  bytesPerSecond: number | null;
  /** Estimate of seconds left at that rate; null when unknown. */
  secondsLeft: number | null;
}

export class ProgressTracker {
  private readonly copies = new Map<string, CopyProgress>();
  private readonly meter: ThroughputMeter;
  private offline = false;

  constructor(
    copies: readonly Copy[],
    private readonly now: () => number,
  ) {
    for (const copy of copies) {
      this.copies.set(copy.id, {
        copyId: copy.id,
        anonymousCode: copy.anonymousCode,
        state: 'queued',
        bytesDone: 0,
        size: copy.scan.size,
        failure: null,
      });
    }
    this.meter = new ThroughputMeter();
    this.meter.record(0, now());
  }

  setState(
    copyId: string,
    state: CopyDownloadState,
    failure: LocalizedMessage | null = null,
  ): void {
    const copy = this.get(copyId);
    copy.state = state;
    copy.failure = failure;
    if (state === 'stored') {
      copy.bytesDone = copy.size;
    }
  }

  /**
   * Records that `bytesHeld` bytes of a scan are now held. Only growth
   * counts toward the rate, because bytes resumed from a partial download
   * or discarded by a restart were not received just now.
   */
  setBytes(copyId: string, bytesHeld: number, received: boolean): void {
    const copy = this.get(copyId);
    const growth = bytesHeld - copy.bytesDone;
    copy.bytesDone = bytesHeld;
    if (received && growth > 0) {
      this.meter.record(growth, this.now());
    }
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
  }

  state(copyId: string): CopyDownloadState {
    return this.get(copyId).state;
  }

  snapshot(): DownloadProgress {
    const copies = [...this.copies.values()].map((copy) => ({ ...copy }));
    const counted = copies.filter((copy) => copy.state !== 'withdrawn');

    let bytesDone = 0;
    let bytesTotal = 0;
    for (const copy of counted) {
      bytesDone += copy.bytesDone;
      bytesTotal += copy.size;
    }

    const bytesPerSecond = this.meter.bytesPerSecond(this.now());
    return {
      bytesDone,
      bytesTotal,
      copiesDone: counted.filter((copy) => copy.state === 'stored').length,
      copiesTotal: counted.length,
      copies,
      offline: this.offline,
      bytesPerSecond,
      secondsLeft: estimateSecondsLeft(bytesTotal - bytesDone, bytesPerSecond),
    };
  }

  private get(copyId: string): CopyProgress {
    const copy = this.copies.get(copyId);
    if (copy === undefined) {
      throw new Error(`Copy ${copyId} is not part of this download`);
    }
    return copy;
  }
}
