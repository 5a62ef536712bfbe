import type { Locator, Page } from '@playwright/test';

/** What a page canvas shows at one moment. */
export interface CanvasSample {
  /** The page whose own bitmap the canvas shows, or null for a placeholder. */
  renderedPage: string | null;
  /** The canvas size and a hash of its pixels. */
  fingerprint: string;
}

/** One copy's scan in the scan viewer. */
export class CopyScreen {
  readonly pageStatus: Locator;
  /** The scrolling area that shows the pages. */
  readonly scanArea: Locator;
  /** The shown page, a canvas labelled "Page n sur m", in single-page mode. */
  readonly canvas: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  readonly fitWidth: Locator;
  readonly fitPage: Locator;
  readonly rotateClockwise: Locator;
  readonly continuous: Locator;
  readonly thumbnails: Locator;

  constructor(readonly page: Page) {
    this.pageStatus = page.getByRole('status').filter({ hasText: /^Page / });
    this.scanArea = page.getByRole('region', { name: 'Copie numérisée' });
    this.canvas = this.scanArea.getByRole('img', {
      name: /^Page \d+ sur \d+$/,
    });
    const toolbar = page.getByRole('toolbar', {
      name: 'Affichage de la copie',
    });
    this.next = toolbar.getByRole('button', { name: 'Page suivante' });
    this.previous = toolbar.getByRole('button', { name: 'Page précédente' });
    this.zoomIn = toolbar.getByRole('button', { name: 'Zoom avant' });
    this.zoomOut = toolbar.getByRole('button', { name: 'Zoom arrière' });
    this.fitWidth = toolbar.getByRole('button', {
      name: 'Ajuster à la largeur',
    });
    this.fitPage = toolbar.getByRole('button', { name: 'Page entière' });
    this.rotateClockwise = toolbar.getByRole('button', {
      name: 'Faire pivoter la page vers la droite',
    });
    this.continuous = toolbar.getByRole('button', {
      name: 'Défilement continu',
    });
    this.thumbnails = page.getByRole('listbox', { name: 'Pages de la copie' });
  }

  heading(anonymousCode: string): Locator {
    return this.page.getByRole('heading', {
      name: `Copie ${anonymousCode}`,
      level: 1,
    });
  }

  /** Returns the canvas of page `page` of `count`, shown in any mode. */
  pageImage(page: number, count: number): Locator {
    return this.scanArea.getByRole('img', {
      name: `Page ${page} sur ${count}`,
    });
  }

  /** Returns the thumbnail of page `page`. */
  thumbnail(page: number): Locator {
    return this.thumbnails.getByRole('option', { name: `Page ${page}` });
  }

  /** Returns the zoom level that the toolbar shows, as a percentage. */
  async zoomPercent(): Promise<number> {
    const text = await this.page.getByText(/^Zoom : \d+ %$/).textContent();
    return Number(/\d+/.exec(text ?? '')?.[0]);
  }

  /**
   * Waits until the viewer has rendered every page it wants ahead of time:
   * the shown pages, their neighbours and the thumbnails.
   */
  async waitUntilRendered(): Promise<void> {
    await this.scanArea.and(this.page.locator('[aria-busy="false"]')).waitFor();
  }

  /**
   * Returns how many pixels of the rendered page are darker than the paper
   * (red below `threshold`), so a test can tell a drawn page from a blank
   * canvas. Small renders such as thumbnails draw text in light grey.
   */
  async inkPixels(
    canvas: Locator = this.canvas,
    threshold = 128,
  ): Promise<number> {
    return canvas.evaluate((element, threshold) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0) {
        return 0;
      }
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let index = 0; index < data.length; index += 4) {
        if (data[index]! < threshold) {
          ink += 1;
        }
      }
      return ink;
    }, threshold);
  }

  /** Returns what the canvas shows now. */
  async sample(canvas: Locator = this.canvas): Promise<CanvasSample> {
    const [sample] = await this.pressAndSample(null, 0, canvas);
    return sample!;
  }

  /**
   * Presses `key`, then returns what the canvas shows at each of the next
   * `frames` animation frames. The first sample runs in the first frame
   * after the key press, before the browser paints it.
   */
  async pressAndSample(
    key: string | null,
    frames: number,
    canvas: Locator = this.canvas,
  ): Promise<CanvasSample[]> {
    await canvas.evaluate(
      (element, count) => {
        const target = element as HTMLCanvasElement;
        const take = () => {
          const context = target.getContext('2d');
          const { data } = context!.getImageData(
            0,
            0,
            target.width,
            target.height,
          );
          // FNV-1a over every pixel's red channel.
          let hash = 0x811c9dc5;
          for (let index = 0; index < data.length; index += 4) {
            hash = Math.imul(hash ^ data[index]!, 0x01000193) >>> 0;
          }
          return {
            renderedPage: target.dataset.renderedPage ?? null,
            fingerprint: `${target.width}x${target.height}:${hash}`,
          };
        };
        const samples = window as unknown as {
          __copydeskSamples: Promise<unknown[]>;
        };
        if (count === 0) {
          samples.__copydeskSamples = Promise.resolve([take()]);
          return;
        }
        samples.__copydeskSamples = new Promise((resolve) => {
          window.addEventListener(
            'keydown',
            () => {
              const taken: unknown[] = [];
              const next = () => {
                taken.push(take());
                if (taken.length < count) {
                  requestAnimationFrame(next);
                } else {
                  resolve(taken);
                }
              };
              requestAnimationFrame(next);
            },
            { once: true, capture: true },
          );
        });
      },
      key === null ? 0 : frames,
    );
    if (key !== null) {
      await this.page.keyboard.press(key);
    }
    return this.page.evaluate(
      () =>
        (window as unknown as { __copydeskSamples: Promise<CanvasSample[]> })
          .__copydeskSamples,
    );
  }

  async backToBatch(): Promise<void> {
    await this.page.getByRole('link', { name: 'Retour au lot' }).click();
  }
}
