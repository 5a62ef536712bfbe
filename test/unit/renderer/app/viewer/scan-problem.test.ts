import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  classifyPageError,
  classifyScanError,
  EmptyScanError,
  ScanTimeoutError,
  withTimeout,
} from '../../../../../renderer/app/viewer/scan-problem';

/** An error named as pdf.js names the errors it rebuilds from its worker. */
function pdfjsError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('classifyScanError', () => {
  it('sorts pdf.js errors by name', () => {
    const cases: [Error, string][] = [
      [pdfjsError('PasswordException', 'No password given'), 'password'],
      [pdfjsError('InvalidPDFException', 'Invalid PDF structure.'), 'invalid'],
      [
        pdfjsError(
          'InvalidPDFException',
          'The PDF file is empty, i.e. its size is zero bytes.',
        ),
        'empty',
      ],
      [new EmptyScanError(), 'empty'],
      [new ScanTimeoutError('Opening the scan', 15_000), 'timeout'],
      [
        pdfjsError('UnknownErrorException', 'Worker was destroyed'),
        'unreadable',
      ],
    ];

    for (const [error, kind] of cases) {
      expect(classifyScanError(error).kind, error.message).toBe(kind);
    }
  });

  it('keeps the message as detail', () => {
    const problem = classifyScanError(new Error('Bad FCHECK in flate stream'));

    expect(problem).toEqual({
      kind: 'unreadable',
      detail: 'Bad FCHECK in flate stream',
    });
  });

  it('accepts a thrown non-error', () => {
    expect(classifyScanError('worker crashed')).toEqual({
      kind: 'unreadable',
      detail: 'worker crashed',
    });
  });

  it('sorts page errors', () => {
    expect(classifyPageError(new ScanTimeoutError('Rendering page 2', 5))).toBe(
      'timeout',
    );
    expect(classifyPageError(new Error('Invalid image data'))).toBe('failed');
  });
});

describe('withTimeout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves within the limit', async () => {
    const onTimeout = vi.fn();

    await expect(
      withTimeout(Promise.resolve(42), 'Opening', 1000, onTimeout),
    ).resolves.toBe(42);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('passes a rejection through', async () => {
    const onTimeout = vi.fn();
    const failure = new Error('Invalid PDF structure.');

    await expect(
      withTimeout(Promise.reject(failure), 'Opening', 1000, onTimeout),
    ).rejects.toBe(failure);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('rejects past the limit and stops the work', async () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn();
    const never = new Promise<number>(() => undefined);

    const result = withTimeout(never, 'Opening the scan', 15_000, onTimeout);
    const settled = expect(result).rejects.toThrow(
      'Opening the scan timed out after 15000 ms',
    );
    await vi.advanceTimersByTimeAsync(15_000);

    await settled;
    expect(onTimeout).toHaveBeenCalledTimes(1);
    await expect(result).rejects.toBeInstanceOf(ScanTimeoutError);
  });
});
