import type { Locator, Page } from '@playwright/test';

/** A point as fractions of a shown page's width and height, from its top left. */
export interface PagePosition {
  x: number;
  y: number;
}

/**
 * The annotation toolbar of the workspace and the annotation layer drawn
 * over each shown page. Positions are fractions of the layer's box, so a
 * test reads the same whatever the zoom.
 */
export class AnnotationTools {
  readonly toolbar: Locator;

  constructor(readonly page: Page) {
    this.toolbar = page.getByRole('toolbar', {
      name: 'Annotations',
      exact: true,
    });
  }

  /** Returns the toolbar's button of the tool named `name`, such as "Stylo". */
  tool(name: string): Locator {
    return this.toolbar.getByRole('radio', { name, exact: true });
  }

  /** Returns the annotation layer over page `pageNumber`. */
  layer(pageNumber: number): Locator {
    return this.page.getByRole('application', {
      name: `Annotations de la page ${pageNumber}`,
    });
  }

  /**
   * Returns the annotations of page `pageNumber` whose accessible name is
   * `name`, such as "Coche, page 2".
   */
  annotation(pageNumber: number, name: string): Locator {
    return this.layer(pageNumber).getByRole('img', { name, exact: true });
  }

  /** Draws a pen stroke through `points` on page `pageNumber`, with the mouse. */
  async drawStroke(
    pageNumber: number,
    points: readonly PagePosition[],
  ): Promise<void> {
    await this.tool('Stylo').click();
    const box = await this.layerBox(pageNumber);
    const [first, ...rest] = points.map((point) => toScreen(box, point));
    if (first === undefined) {
      throw new Error('drawStroke needs at least one point');
    }

    await this.page.mouse.move(first.x, first.y);
    await this.page.mouse.down();
    for (const point of rest) {
      await this.page.mouse.move(point.x, point.y, { steps: 4 });
    }
    await this.page.mouse.up();
  }

  /** Places a tick at `at` on page `pageNumber`. */
  async placeTick(pageNumber: number, at: PagePosition): Promise<void> {
    await this.tool('Coche').click();
    await this.clickAt(pageNumber, at);
  }

  /** Writes a text note reading `text` at `at` on page `pageNumber`. */
  async writeNote(
    pageNumber: number,
    at: PagePosition,
    text: string,
  ): Promise<void> {
    await this.tool('Note').click();
    await this.clickAt(pageNumber, at);
    const field = this.page.getByRole('textbox', { name: 'Texte de la note' });
    await field.fill(text);
    await field.press('Enter');
  }

  private async clickAt(pageNumber: number, at: PagePosition): Promise<void> {
    const box = await this.layerBox(pageNumber);
    await this.layer(pageNumber).click({
      position: { x: box.width * at.x, y: box.height * at.y },
    });
  }

  private async layerBox(pageNumber: number): Promise<Box> {
    const box = await this.layer(pageNumber).boundingBox();
    if (box === null) {
      throw new Error(
        `The annotation layer of page ${pageNumber} is not shown`,
      );
    }
    return box;
  }
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function toScreen(box: Box, point: PagePosition): { x: number; y: number } {
  return { x: box.x + box.width * point.x, y: box.y + box.height * point.y };
}

/**
 * Returns the box of `mark` as fractions of the box of `layer`, the page it
 * is drawn on.
 */
export async function boxOnPage(
  layer: Locator,
  mark: Locator,
): Promise<{ left: number; top: number; right: number; bottom: number }> {
  const page = await layer.boundingBox();
  const box = await mark.boundingBox();
  if (page === null || box === null) {
    throw new Error('The page or the annotation is not shown');
  }
  return {
    left: (box.x - page.x) / page.width,
    top: (box.y - page.y) / page.height,
    right: (box.x + box.width - page.x) / page.width,
    bottom: (box.y + box.height - page.y) / page.height,
  };
}
