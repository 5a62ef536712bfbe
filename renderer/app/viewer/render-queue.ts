/**
 * The queue of page renders: one at a time, in the order of the latest
 * plan. A new plan replaces the pending renders, cancels the running one
 * when the plan no longer wants it, and pre-empts it when the plan starts
 * with a more urgent render, so a page turn does not wait for a thumbnail
 * to finish.
 */

/** The urgency of a render, the most urgent first. */
export type RenderPriority = 'shown' | 'ahead' | 'background' | 'thumbnail';

const RANK: Record<RenderPriority, number> = {
  shown: 0,
  ahead: 1,
  background: 2,
  thumbnail: 3,
};

export interface RenderJob {
  /** Identifies the render; a plan that lists the same key wants the same render. */
  key: string;
  priority: RenderPriority;
  /**
   * Renders, and stops early when `signal` aborts. The job handles its own
   * errors: the queue ignores a rejection and goes on with the next job.
   */
  run(signal: AbortSignal): Promise<void>;
}

interface Running {
  job: RenderJob;
  controller: AbortController;
}

/** Runs `start` soon, in a later task, so the browser may paint first. */
export type Defer = (start: () => void) => void;

const nextTask: Defer = (start) => {
  setTimeout(start, 0);
};

export class RenderQueue {
  private pending: RenderJob[] = [];
  private running: Running | null = null;
  private startQueued = false;
  private disposed = false;
  private readonly listeners = new Set<() => void>();
  private lastBusy = false;

  /**
   * `defer` starts each job other than a shown page's in a later task, so
   * that a page turn is painted before the neighbours start rendering.
   */
  constructor(private readonly defer: Defer = nextTask) {}

  /** Whether a render is running or waiting. */
  get busy(): boolean {
    return this.running !== null || this.pending.length > 0;
  }

  /** Calls `listener` whenever `busy` changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the plan with `jobs`, the most wanted first. */
  schedule(jobs: readonly RenderJob[]): void {
    if (this.disposed) {
      return;
    }

    const running = this.running;
    if (running !== null) {
      const first = jobs[0];
      const wanted = jobs.some((job) => job.key === running.job.key);
      const preempted =
        first !== undefined &&
        first.key !== running.job.key &&
        RANK[first.priority] < RANK[running.job.priority];
      if (!wanted || preempted) {
        // The cancelled job settles later; its result is ignored. A
        // pre-empted job stays in the plan and runs again from the start.
        running.controller.abort();
        this.running = null;
      }
    }

    const runningKey = this.running?.job.key;
    this.pending = jobs.filter((job) => job.key !== runningKey);
    this.pump();
    this.emit();
  }

  /** Cancels every render and ignores later plans. */
  dispose(): void {
    this.disposed = true;
    this.running?.controller.abort();
    this.running = null;
    this.pending = [];
    this.emit();
    this.listeners.clear();
  }

  private pump(): void {
    if (this.disposed || this.running !== null || this.startQueued) {
      return;
    }
    const next = this.pending[0];
    if (next === undefined) {
      return;
    }

    if (next.priority === 'shown') {
      this.startNext();
      return;
    }
    this.startQueued = true;
    this.defer(() => {
      this.startQueued = false;
      this.startNext();
    });
  }

  private startNext(): void {
    if (this.disposed || this.running !== null) {
      return;
    }
    const job = this.pending.shift();
    if (job === undefined) {
      this.emit();
      return;
    }

    const running: Running = { job, controller: new AbortController() };
    this.running = running;
    job
      .run(running.controller.signal)
      .catch(() => undefined)
      .finally(() => {
        if (this.running !== running) {
          return;
        }
        this.running = null;
        this.pump();
        this.emit();
      });
  }

  private emit(): void {
    const busy = this.busy;
    if (busy === this.lastBusy) {
      return;
    }
    this.lastBusy = busy;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
