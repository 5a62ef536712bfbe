/** SHA-256 of bytes held in memory with Web Crypto, as lowercase hex. */
export async function sha256Hex(bytes: BufferSource): Promise<string> {
  // NOTE: crypto.subtle has no streaming digest, so the whole scan must be
  // in memory (tens of MB for a 20-page copy).
  const digest = await crypto.subtle.digest('SHA-256', bytes);

  let hex = '';
  for (const byte of new Uint8Array(digest)) {
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}
