/**
 * The bytes of one scan received so far, kept in memory as the chunks that
 * the response stream returned. They are joined into one buffer only when
 * the partial download is saved or the scan verified, because building a
 * `Blob` instead hands every byte to the browser process and each read
 * brings it back.
 */
export class ReceivedBytes {
  #chunks: Uint8Array<ArrayBuffer>[] = [];
  #size = 0;

  /** Starts from `initial`, such as a stored partial download. */
  constructor(initial?: Uint8Array<ArrayBuffer>) {
    if (initial !== undefined) {
      this.append(initial);
    }
  }

  /** Number of bytes held, in bytes. */
  get size(): number {
    return this.#size;
  }

  append(chunk: Uint8Array<ArrayBuffer>): void {
    if (chunk.byteLength === 0) {
      return;
    }
    this.#chunks.push(chunk);
    this.#size += chunk.byteLength;
  }

  /**
   * Returns every byte held in one array, copying the chunks at most once:
   * the joined array replaces them, so a later call copies only what was
   * appended since. Callers must not change the array returned.
   */
  toBytes(): Uint8Array<ArrayBuffer> {
    const [first] = this.#chunks;
    if (this.#chunks.length === 1 && first !== undefined) {
      return first;
    }

    const joined = new Uint8Array(this.#size);
    let offset = 0;
    for (const chunk of this.#chunks) {
      joined.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.#chunks = [joined];
    return joined;
  }
}
