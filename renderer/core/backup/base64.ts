/** Standard base64 (RFC 4648, with padding) for the bytes of a backup file. */

// `String.fromCharCode` takes its arguments on the stack, so long inputs
// are converted in chunks.
const CHUNK_BYTES = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
    binary += String.fromCharCode(
      ...bytes.subarray(start, start + CHUNK_BYTES),
    );
  }
  return btoa(binary);
}

/** Returns the decoded bytes, or null when `text` is not valid base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }

  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) {
    bytes[index] = binary.charCodeAt(index);
  }
  return bytes;
}
