import { describe, expect, it } from 'vitest';

import {
  RenderQueue,
  type RenderJob,
  type RenderPriority,
} from '../../../../../renderer/app/viewer/render-queue';

/** A job that waits until the test finishes it, recording what happened. */
class ControlledJob implements RenderJob {
  started = 0;
  aborted = false;
  private finish: (() => void) | null = null;

  constructor(
    readonly key: string,
    readonly priority: RenderPriority,
    private readonly log: string[],
  ) {}

  run(signal: AbortSignal): Promise<void> {
    this.started += 1;
    this.log.push(`start ${this.key}`);
    signal.addEventListener('abort', () => {
      this.aborted = true;
      this.log.push(`abort ${this.key}`);
    });
    return new Promise((resolve) => {
      this.finish = () => {
        this.log.push(`end ${this.key}`);
        resolve();
      };
    });
  }

  /** Ends the job's run and lets the queue's promise callbacks run. */
  async complete(): Promise<void> {
    this.finish?.();
    this.finish = null;
    await flush();
  }
}

/** Lets pending promise callbacks and deferred starts run. */
async function flush(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    await Promise.resolve();
  }
}

/** Creates a queue whose deferred starts run at the next `flush`. */
function microtaskQueue(): RenderQueue {
  return new RenderQueue((start) => queueMicrotask(start));
}

describe('RenderQueue', () => {
  it('runs jobs one at a time in plan order', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const shown = new ControlledJob('page 3', 'shown', log);
    const next = new ControlledJob('page 4', 'ahead', log);
    const previous = new ControlledJob('page 2', 'ahead', log);

    queue.schedule([shown, next, previous]);
    await flush();
    expect(log).toEqual(['start page 3']);

    await shown.complete();
    await next.complete();
    await previous.complete();

    expect(log).toEqual([
      'start page 3',
      'end page 3',
      'start page 4',
      'end page 4',
      'start page 2',
      'end page 2',
    ]);
    expect(queue.busy).toBe(false);
  });

  it('starts a shown page at once', () => {
    const log: string[] = [];
    const queue = new RenderQueue(() => {
      throw new Error('a shown page must not wait for a later task');
    });

    queue.schedule([new ControlledJob('page 1', 'shown', log)]);

    expect(log).toEqual(['start page 1']);
  });

  it('defers neighbours to a later task', async () => {
    const log: string[] = [];
    const deferred: (() => void)[] = [];
    const queue = new RenderQueue((start) => deferred.push(start));

    queue.schedule([new ControlledJob('page 2', 'ahead', log)]);
    expect(log).toEqual([]);

    deferred.shift()!();
    expect(log).toEqual(['start page 2']);
  });

  it('a new plan cancels a render it no longer wants', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const oldPage = new ControlledJob('page 2 at 100 %', 'shown', log);
    const newPage = new ControlledJob('page 2 at 125 %', 'shown', log);

    queue.schedule([oldPage]);
    queue.schedule([newPage]);
    await flush();

    expect(oldPage.aborted).toBe(true);
    expect(newPage.started).toBe(1);
    expect(log).toEqual([
      'start page 2 at 100 %',
      'abort page 2 at 100 %',
      'start page 2 at 125 %',
    ]);
  });

  it('a new plan keeps a render it still wants', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const page4 = new ControlledJob('page 4', 'shown', log);
    const page5 = new ControlledJob('page 5', 'ahead', log);

    queue.schedule([page4, page5]);
    queue.schedule([page4, page5]);
    await flush();

    expect(page4.aborted).toBe(false);
    expect(page4.started).toBe(1);
    await page4.complete();
    expect(page5.started).toBe(1);
  });

  it('a shown page pre-empts a neighbour', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const neighbour = new ControlledJob('page 5', 'ahead', log);
    const shown = new ControlledJob('page 9', 'shown', log);

    queue.schedule([neighbour]);
    await flush();
    queue.schedule([shown, neighbour]);
    await flush();

    expect(neighbour.aborted).toBe(true);
    expect(log).toEqual(['start page 5', 'abort page 5', 'start page 9']);

    await shown.complete();
    expect(neighbour.started).toBe(2);
  });

  it('a neighbour does not pre-empt a thumbnail it follows', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const thumbnail = new ControlledJob('thumbnail 1', 'thumbnail', log);
    const other = new ControlledJob('thumbnail 2', 'thumbnail', log);

    queue.schedule([thumbnail, other]);
    await flush();
    queue.schedule([other, thumbnail]);
    await flush();

    expect(thumbnail.aborted).toBe(false);
    expect(log).toEqual(['start thumbnail 1']);
  });

  it('a neighbour pre-empts a background page', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const background = new ControlledJob('page 8', 'background', log);
    const neighbour = new ControlledJob('page 3', 'ahead', log);

    queue.schedule([background]);
    await flush();
    queue.schedule([neighbour, background]);
    await flush();

    expect(background.aborted).toBe(true);
    expect(log).toEqual(['start page 8', 'abort page 8', 'start page 3']);
  });

  it('a failed job does not stop the queue', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const failing: RenderJob = {
      key: 'broken page',
      priority: 'shown',
      run: async () => {
        log.push('broken page failed');
        throw new Error('render failed');
      },
    };
    const next = new ControlledJob('page 2', 'ahead', log);

    queue.schedule([failing, next]);
    await flush();

    expect(log).toEqual(['broken page failed', 'start page 2']);
  });

  it('reports busy changes', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const states: boolean[] = [];
    queue.subscribe(() => states.push(queue.busy));
    const job = new ControlledJob('page 1', 'shown', log);

    queue.schedule([job]);
    await job.complete();

    expect(states).toEqual([true, false]);
  });

  it('dispose cancels everything', async () => {
    const log: string[] = [];
    const queue = microtaskQueue();
    const running = new ControlledJob('page 1', 'shown', log);
    const waiting = new ControlledJob('page 2', 'ahead', log);
    queue.schedule([running, waiting]);

    queue.dispose();
    await running.complete();
    queue.schedule([new ControlledJob('page 3', 'shown', log)]);

    expect(running.aborted).toBe(true);
    expect(waiting.started).toBe(0);
    expect(log).not.toContain('start page 3');
    expect(queue.busy).toBe(false);
  });
});
