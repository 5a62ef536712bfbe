/**
 * Reads back what a sample PDF contains: each page's media box and the
 * JPEG image drawn on it.
 */
import {
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
} from 'pdf-lib';

export interface PdfPageImage {
  mediaWidth: number;
  mediaHeight: number;
  filter: string;
  imageWidth: number;
  imageHeight: number;
  jpeg: Uint8Array;
}

/** Returns the width and height in a JPEG's start-of-frame marker. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } {
  const view = new DataView(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
  if (view.getUint16(0) !== 0xffd8) {
    throw new Error('not a JPEG: the SOI marker is missing');
  }

  let offset = 2;
  while (offset + 9 < jpeg.length) {
    const marker = view.getUint16(offset);
    const length = view.getUint16(offset + 2);
    if (marker >= 0xffc0 && marker <= 0xffc3) {
      return {
        height: view.getUint16(offset + 5),
        width: view.getUint16(offset + 7),
      };
    }
    offset += 2 + length;
  }
  throw new Error('not a JPEG: no start-of-frame marker');
}

export async function readPdfPages(bytes: Uint8Array): Promise<PdfPageImage[]> {
  const document = await PDFDocument.load(bytes);

  return document.getPages().map((page, index) => {
    const resources = page.node.Resources();
    const xObjects = resources?.lookup(PDFName.of('XObject'), PDFDict);
    const names = xObjects?.keys() ?? [];
    if (
      xObjects === undefined ||
      names.length !== 1 ||
      names[0] === undefined
    ) {
      throw new Error(
        `page ${index + 1} has ${names.length} images, expected 1`,
      );
    }

    const image = xObjects.lookup(names[0]);
    if (!(image instanceof PDFRawStream)) {
      throw new Error(`page ${index + 1} image is not a raw stream`);
    }
    const number = (key: string) =>
      image.dict.lookup(PDFName.of(key), PDFNumber).asNumber();
    const mediaBox = page.getMediaBox();
    return {
      mediaWidth: mediaBox.width,
      mediaHeight: mediaBox.height,
      filter: String(image.dict.lookup(PDFName.of('Filter'))),
      imageWidth: number('Width'),
      imageHeight: number('Height'),
      jpeg: image.contents,
    };
  });
}
