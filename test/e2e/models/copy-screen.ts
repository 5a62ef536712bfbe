import type { Locator, Page } from '@playwright/test';

/** One copy's scan, a page at a time. */
export class CopyScreen {
  readonly pageStatus: Locator;
  readonly canvas: Locator;
  readonly next: Locator;

  constructor(readonly page: Page) {
    this.pageStatus = page.getByRole('status').filter({ hasText: /^Page / });
    this.canvas = page.locator('canvas.page-canvas');
    this.next = page.getByRole('button', { name: 'Page suivante' });
  }

  heading(anonymousCode: string): Locator {
    return this.page.getByRole('heading', {
      name: `Copie ${anonymousCode}`,
      level: 1,
    });
  }

  /**
   * Returns how many pixels of the rendered page are darker than the paper,
   * so a test can tell a drawn page from a blank canvas.
   */
  async inkPixels(): Promise<number> {
    return this.canvas.evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0) {
        return 0;
      }
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let ink = 0;
      for (let index = 0; index < data.length; index += 4) {
        if (data[index]! < 128) {
          ink += 1;
        }
      }
      return ink;
    });
  }

  async backToBatch(): Promise<void> {
    await this.page.getByRole('link', { name: 'Retour au lot' }).click();
  }
}
