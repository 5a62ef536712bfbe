import { describe, expect, it } from 'vitest';

import type { OcrImage } from '../../../../shared/ocr/ocr-image';
import type { OcrJob } from '../../../../shared/ocr/ocr-pool';
import type { OcrReading } from '../../../../shared/ocr/ocr-types';
import type { GrayRaster } from '../../../../shared/ocr/page-ink';
import {
  inspectCopy,
  inspectPage,
  type PageImageSource,
  type RenderRequest,
} from '../../../../shared/ocr/page-inspection';
import type { PageRotation } from '../../../../shared/ocr/page-rotation';
import { bandReading } from './reading-builder';

interface FakePage {
  blank?: boolean;
  /** Rotation of the unrotated page at which the header band reads; null for none. */
  readsAt?: PageRotation | null;
  /** The file's own page rotation. */
  fileRotation?: PageRotation;
  number: number;
}

/** A source of hand-described pages whose header reads only at one rotation. */
class FakeSource implements PageImageSource {
  readonly renders: { page: number; request: RenderRequest }[] = [];

  constructor(private readonly pages: FakePage[]) {}

  get pageCount(): number {
    return this.pages.length;
  }

  async pageRotation(page: number): Promise<PageRotation> {
    return this.pages[page - 1]?.fileRotation ?? 0;
  }

  async renderRegion(page: number, request: RenderRequest): Promise<OcrImage> {
    this.renders.push({ page, request });
    return {
      data: new Uint8Array([page, request.rotation / 90]),
      width: 100,
      height: 20,
      area: request.region,
      rotation: request.rotation,
      dpi: request.dpi,
    };
  }

  async grayRaster(page: number): Promise<GrayRaster> {
    const data = new Uint8Array(100 * 100).fill(235);
    if (this.pages[page - 1]?.blank !== true) {
      data.fill(30, 2000, 3000);
    }
    return { width: 100, height: 100, data };
  }

  /** Reads the header of a page only when it is rendered at its rotation. */
  recognize = async (job: OcrJob): Promise<OcrReading> => {
    const bytes = job.image.data as Uint8Array;
    const page = this.pages[(bytes[0] as number) - 1] as FakePage;
    const rotation = (bytes[1] as number) * 90;
    const readsAt = page.readsAt === undefined ? 0 : page.readsAt;
    if (rotation !== readsAt) {
      return bandReading('la liberté est une question');
    }
    return bandReading(
      'N° Anonymat : A000005057',
      `Nombre de pages : 3 Page ${page.number} / 3`,
    );
  };
}

describe('inspectPage', () => {
  it('reads a band again at 300 dpi for a missed value', async () => {
    const source = new FakeSource([{ number: 2 }]);
    const blurred = async (job: OcrJob): Promise<OcrReading> =>
      job.image.dpi === 300
        ? source.recognize(job)
        : bandReading(
            'N° Anonymat : A000005057',
            'Nombre de pages : 3 Page 2/ a',
          );

    const inspection = await inspectPage(source, { recognize: blurred }, 1);

    expect(inspection.header.pageNumber).toBe(2);
    expect(inspection.header.numberingCount).toBe(3);
    expect(source.renders.map((render) => render.request.dpi)).toContain(300);
  });

  it('reads a clean band once', async () => {
    const source = new FakeSource([{ number: 1 }]);

    await inspectPage(source, source, 1);

    expect(source.renders.map((render) => render.request.dpi)).not.toContain(
      300,
    );
  });

  it('reads an upright page once', async () => {
    const source = new FakeSource([{ number: 1 }]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.orientation).toBe(0);
    expect(inspection.header.anonymousCode).toBe('A000005057');
    expect(source.renders).toHaveLength(1);
    expect(source.renders[0]?.request.region).toEqual({
      left: 0,
      top: 0,
      right: 1,
      bottom: 1 / 6,
    });
    expect(source.renders[0]?.request.dpi).toBe(150);
  });

  it('reads an upside-down page at its bottom', async () => {
    const source = new FakeSource([{ number: 1, readsAt: 180 }]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.orientation).toBe(180);
    expect(source.renders.map((r) => r.request.rotation)).toEqual([0, 180]);
    const region = source.renders[1]?.request.region;
    expect(region?.top).toBeCloseTo(5 / 6);
    expect(region?.bottom).toBe(1);
  });

  it('tries every turn for a sideways page', async () => {
    const source = new FakeSource([{ number: 1, readsAt: 270 }]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.orientation).toBe(270);
    expect(source.renders.map((r) => r.request.rotation)).toEqual([
      0, 180, 90, 270,
    ]);
    // Turned 270°, the page's right edge comes to the top.
    const region = source.renders[3]?.request.region;
    expect(region?.left).toBeCloseTo(5 / 6);
    expect(region?.right).toBe(1);
  });

  it('counts turns from the file rotation', async () => {
    // The PDF turns the page 90° itself, and the header reads there.
    const source = new FakeSource([
      { number: 1, readsAt: 90, fileRotation: 90 },
    ]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.orientation).toBe(0);
    expect(source.renders.map((r) => r.request.rotation)).toEqual([90]);
  });

  it('reads the code again alone', async () => {
    const source = new FakeSource([{ number: 1 }]);
    const jobs: OcrJob[] = [];
    const recognizer = {
      recognize: async (job: OcrJob): Promise<OcrReading> => {
        jobs.push(job);
        if (job.singleLine === true) {
          return bandReading('A000005057');
        }
        return bandReading(
          'N° Anonymat : AO04000107',
          'Nombre de pages : 3 Page 1 / 3',
        );
      },
    };
    const inspection = await inspectPage(source, recognizer, 1);

    expect(inspection.header.anonymousCode).toBe('A000005057');
    expect(jobs).toHaveLength(2);
    expect(jobs[1]?.allowedCharacters).toMatch(/^[A-Z0-9-]+$/);
    expect(jobs[1]?.image).toBe(jobs[0]?.image);
  });

  it('keeps the band code when the second reading fails', async () => {
    const source = new FakeSource([{ number: 1 }]);
    const recognizer = {
      recognize: async (job: OcrJob): Promise<OcrReading> =>
        job.singleLine === true
          ? bandReading('')
          : bandReading('N° Anonymat : A000005057', 'Page 1 / 3'),
    };
    const inspection = await inspectPage(source, recognizer, 1);

    expect(inspection.header.anonymousCode).toBe('A000005057');
  });

  it('skips OCR on a blank page', async () => {
    const source = new FakeSource([{ number: 1, blank: true }]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.blank).toBe(true);
    expect(inspection.orientation).toBeUndefined();
    expect(source.renders).toHaveLength(0);
  });

  it('keeps the upright reading when no turn reads', async () => {
    const source = new FakeSource([{ number: 1, readsAt: null }]);
    const inspection = await inspectPage(source, source, 1);

    expect(inspection.orientation).toBeUndefined();
    expect(inspection.header.labelFound).toBe(false);
    expect(source.renders).toHaveLength(4);
  });

  it('stops when aborted', async () => {
    const source = new FakeSource([{ number: 1, readsAt: 270 }]);
    const controller = new AbortController();
    controller.abort(new Error('examiner left the copy'));

    await expect(
      inspectPage(source, source, 1, { signal: controller.signal }),
    ).rejects.toThrow('examiner left the copy');
  });
});

describe('inspectCopy', () => {
  it('inspects every page in file order', async () => {
    const source = new FakeSource([
      { number: 1 },
      { number: 2, readsAt: 180 },
      { number: 3, blank: true },
    ]);
    const done: number[] = [];
    const inspection = await inspectCopy(source, source, {
      pagesInFlight: 2,
      onPage: (_page, count) => done.push(count),
    });

    expect(inspection.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(done).toEqual([1, 2, 3]);
    expect(inspection.findings).toEqual([
      { kind: 'blank-page', pages: [3] },
      { kind: 'upside-down', pages: [2] },
    ]);
  });

  it('fails when a page fails', async () => {
    const source = new FakeSource([{ number: 1 }, { number: 2 }]);
    const failing = {
      recognize: async () => {
        throw new Error('worker crashed');
      },
    };

    await expect(inspectCopy(source, failing)).rejects.toThrow(
      'worker crashed',
    );
  });
});
