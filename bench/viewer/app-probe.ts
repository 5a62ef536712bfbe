/**
 * Instruments the app's page for the viewer benchmark. `installViewerProbe`
 * runs in the page before the app (Playwright's init script), so it
 * records every long task. `window.__viewerProbe` times page turns and copy
 * openings to the end of the frame that paints the new page.
 *
 * A page counts as painted when the canvas of the scan area carries the
 * page's number in `data-rendered-page`, which the viewer sets when it
 * draws the page's own bitmap, and the frame that shows it has ended. The
 * time is taken in the first task after that frame's animation callbacks.
 * Chromium updates style, layout and paint in the same task as those
 * callbacks, so the figure includes them. The compositor's display of the
 * frame comes later and is not measured.
 */

/** One long task (50 ms or more on the main thread), as the browser reports it. */
export interface LongTask {
  startTime: number;
  duration: number;
}

/** One page turn, in `performance.now()` milliseconds of the page. */
export interface TurnTiming {
  /** The key press's `event.timeStamp`. */
  input: number;
  /** The end of the task that handled the key press. */
  taskEnd: number;
  /** The end of the frame that painted the new page. */
  painted: number;
  /** Animation frames from the key press to that frame, 1 for the next one. */
  frames: number;
  timedOut: boolean;
}

/** One copy opened from the store. */
export interface OpenTiming {
  /** When the probe changed the address to the copy's. */
  start: number;
  painted: number;
  timedOut: boolean;
}

export interface ViewerProbe {
  longTasks: LongTask[];
  /** Starts timing the next key press until `page` is painted. */
  armTurn(page: number): Promise<TurnTiming>;
  /** Opens the copy at `hash` and times it until its page 1 is painted. */
  open(hash: string): Promise<OpenTiming>;
}

declare global {
  interface Window {
    __viewerProbe?: ViewerProbe;
  }
}

/**
 * Returns the source of the init script that installs the probe. The
 * TypeScript loader (tsx) wraps named functions in calls to its `__name`
 * helper, which the page lacks, so the script defines a stand-in first.
 */
export function viewerProbeScript(): string {
  return `var __name = (target) => target;\n(${installViewerProbe.toString()})();`;
}

/** Runs in the page; it must not refer to anything outside itself. */
function installViewerProbe(): void {
  const WAIT_LIMIT_MS = 20_000;
  const longTasks: LongTask[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  const nextTask = (callback: () => void) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => callback();
    channel.port2.postMessage(null);
  };

  /** Polls at each frame until `find` returns an element, then waits for the frame's end. */
  const whenPainted = (
    since: number,
    find: () => Element | null,
    done: (painted: number, frames: number, timedOut: boolean) => void,
  ) => {
    let frames = 0;
    const check = () => {
      frames += 1;
      if (find() !== null) {
        nextTask(() => done(performance.now(), frames, false));
      } else if (performance.now() - since > WAIT_LIMIT_MS) {
        done(performance.now(), frames, true);
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  };

  const shownPage = (page: number) =>
    document.querySelector(`canvas[data-rendered-page="${page}"]`);

  window.__viewerProbe = {
    longTasks,

    armTurn(page) {
      return new Promise((resolve) => {
        addEventListener(
          'keydown',
          (event) => {
            const input = event.timeStamp;
            let taskEnd = Number.NaN;
            nextTask(() => {
              taskEnd = performance.now();
            });
            whenPainted(
              input,
              () => shownPage(page),
              (painted, frames, timedOut) =>
                resolve({ input, taskEnd, painted, frames, timedOut }),
            );
          },
          { once: true, capture: true },
        );
      });
    },

    open(hash) {
      return new Promise((resolve) => {
        const previous = shownPage(1);
        const start = performance.now();
        location.hash = hash;
        whenPainted(
          start,
          () => {
            const canvas = shownPage(1);
            return canvas !== previous ? canvas : null;
          },
          (painted, _frames, timedOut) => resolve({ start, painted, timedOut }),
        );
      });
    },
  };
}
