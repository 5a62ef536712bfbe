/**
 * PDF files for import tests: valid ones built with pdf-lib, and broken or
 * encrypted ones written byte by byte.
 */
import { createHash } from 'node:crypto';

import { PDFDocument, StandardFonts } from 'pdf-lib';

/** Builds a valid PDF of `pageCount` A4 pages, each with a line of text. */
export async function makePdf(
  pageCount: number,
  text = 'Copie',
): Promise<Buffer> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);

  for (let number = 1; number <= pageCount; number += 1) {
    const page = document.addPage([595, 842]);
    page.drawText(`${text}, page ${number}`, { x: 50, y: 780, font, size: 14 });
  }

  // Without addDefaultPage: false, pdf-lib adds a page to an empty document.
  return Buffer.from(await document.save({ addDefaultPage: false }));
}

/** Builds a valid PDF whose page tree lists no page. */
export function makePdfWithoutPages(): Promise<Buffer> {
  return makePdf(0);
}

/**
 * Writes a PDF from the bodies of objects 1, 2, ... with a correct
 * cross-reference table. Object 1 must be the catalog.
 */
export function writeRawPdf(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];

  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });

  const xrefOffset = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  }
  body +=
    `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Builds a complete PDF whose second page is not a page dictionary. */
export function makePdfWithUnreadablePage(): Buffer {
  const content = '0 0 1 rg 50 50 100 100 re f';
  return writeRawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '42',
  ]);
}

/**
 * Builds a PDF laid out like a linearized file, with a trailer before the
 * pages, and cuts it at `fraction` of its length. pdf.js repairs such a file
 * and opens it, but the pages past the cut are missing or blank.
 */
export function makeTruncatedRepairablePdf(fraction: number): Buffer {
  const pageCount = 4;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from(
      { length: pageCount },
      (_, index) => `${3 + 2 * index} 0 R`,
    ).join(' ')}] /Count ${pageCount} >>`,
  ];
  for (let index = 0; index < pageCount; index += 1) {
    const content = `0 0 1 rg 50 50 ${100 + index} 100 re f ${'0.5 g '.repeat(200)}`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${4 + 2 * index} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  }

  let text = '%PDF-1.4\n';
  objects.forEach((object, index) => {
    text += `${index + 1} 0 obj\n${object}\nendobj\n`;
    if (index === 1) {
      text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\n`;
    }
  });
  text += '%%EOF\n';

  const bytes = Buffer.from(text, 'latin1');
  return bytes.subarray(0, Math.floor(bytes.length * fraction));
}

// Padding string of the standard security handler (ISO 32000-1, 7.6.3.3).
const PASSWORD_PADDING = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);

/**
 * Builds a one-page PDF encrypted with the standard security handler,
 * revision 2 (RC4, 40-bit key), that opens only with `userPassword`.
 */
export function makeEncryptedPdf(
  userPassword: string,
  ownerPassword = `${userPassword}-owner`,
): Buffer {
  const permissions = -4;
  const fileId = createHash('md5').update('copydesk test file').digest();

  // Algorithm 3: the owner entry is the padded user password, encrypted
  // with a key derived from the owner password.
  const ownerKey = md5(padPassword(ownerPassword)).subarray(0, 5);
  const ownerEntry = rc4(ownerKey, padPassword(userPassword));

  // Algorithm 2: the file key.
  const permissionBytes = Buffer.alloc(4);
  permissionBytes.writeInt32LE(permissions);
  const fileKey = md5(
    Buffer.concat([
      padPassword(userPassword),
      ownerEntry,
      permissionBytes,
      fileId,
    ]),
  ).subarray(0, 5);

  // Algorithm 4: the user entry is the padding encrypted with the file key.
  const userEntry = rc4(fileKey, PASSWORD_PADDING);

  // Algorithm 1: each stream is encrypted with a key derived from the file
  // key and its object number (4 here) and generation (0).
  const content = Buffer.from('0 0 1 rg 50 50 200 200 re f', 'latin1');
  const objectKey = md5(
    Buffer.concat([fileKey, Buffer.from([4, 0, 0, 0, 0])]),
  ).subarray(0, 10);
  const encryptedContent = rc4(objectKey, content).toString('latin1');

  return writeRawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      `<< /Length ${content.length} >>\nstream\n${encryptedContent}\nendstream`,
      `<< /Filter /Standard /V 1 /R 2 /O <${ownerEntry.toString('hex')}> /U <${userEntry.toString('hex')}> /P ${permissions} >>`,
    ],
    `/Encrypt 5 0 R /ID [<${fileId.toString('hex')}> <${fileId.toString('hex')}>] `,
  );
}

function padPassword(password: string): Buffer {
  const bytes = Buffer.from(password, 'latin1').subarray(0, 32);
  return Buffer.concat([bytes, PASSWORD_PADDING]).subarray(0, 32);
}

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

/** RC4, which OpenSSL 3 offers only through its legacy provider. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const state = Array.from({ length: 256 }, (_, index) => index);
  let j = 0;
  for (let i = 0; i < 256; i += 1) {
    j = (j + (state[i] as number) + (key[i % key.length] as number)) & 255;
    [state[i], state[j]] = [state[j] as number, state[i] as number];
  }

  const output = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let index = 0; index < data.length; index += 1) {
    i = (i + 1) & 255;
    j = (j + (state[i] as number)) & 255;
    [state[i], state[j]] = [state[j] as number, state[i] as number];
    const keyByte = state[((state[i] as number) + (state[j] as number)) & 255];
    output[index] = (data[index] as number) ^ (keyByte as number);
  }
  return output;
}
