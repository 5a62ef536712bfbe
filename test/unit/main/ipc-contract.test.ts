import { Compile } from 'typebox/compile';
import { describe, expect, expectTypeOf, it } from 'vitest';

import {
  bridgeMethodPath,
  IPC_CHANNELS,
  IPC_CONTRACT,
  isIpcChannel,
  type CopydeskBridge,
} from '../../../shared/ipc/contract';

describe('IPC contract', () => {
  it('names every channel namespace:kebab-case', () => {
    for (const channel of IPC_CHANNELS) {
      expect(channel).toMatch(/^[a-z]+:[a-z]+(-[a-z]+)*$/);
    }
  });

  it('has no channel for the access token', () => {
    expect(IPC_CHANNELS.filter((channel) => /access/.test(channel))).toEqual(
      [],
    );
  });

  it('recognises its own channels only', () => {
    expect(isIpcChannel('vault:clear')).toBe(true);
    expect(isIpcChannel('vault:read-file')).toBe(false);
    expect(isIpcChannel('toString')).toBe(false);
    expect(isIpcChannel('__proto__')).toBe(false);
  });

  it('maps channels to bridge methods', () => {
    expect(bridgeMethodPath('vault:get-refresh-token')).toEqual([
      'vault',
      'getRefreshToken',
    ]);
    expect(bridgeMethodPath('config:get')).toEqual(['config', 'get']);
    expect(bridgeMethodPath('file:export')).toEqual(['file', 'export']);
  });

  it('types the bridge from the contract', () => {
    expectTypeOf<CopydeskBridge['vault']['getRefreshToken']>().toEqualTypeOf<
      () => Promise<string | null>
    >();
    expectTypeOf<
      Parameters<CopydeskBridge['vault']['setRefreshToken']>
    >().toEqualTypeOf<[payload: string]>();
    expectTypeOf<
      ReturnType<CopydeskBridge['kiosk']['getState']>
    >().toEqualTypeOf<Promise<{ enabled: boolean; adminCodeSet: boolean }>>();
  });
});

describe('file:export payload', () => {
  const validator = Compile(IPC_CONTRACT['file:export'].payload);
  const valid = {
    suggestedName: 'notes-lot-12.csv',
    mediaType: 'text/csv',
    content: 'copie;note\n',
  };

  it('accepts a file name', () => {
    expect(validator.Check(valid)).toBe(true);
  });

  it.each([
    ['a relative path', '../notes.csv'],
    ['an absolute path', '/etc/passwd'],
    ['a Windows path', 'C:\\Users\\notes.csv'],
    ['a control character', 'notes\n.csv'],
    ['an empty name', ''],
  ])('rejects %s as name', (_case, suggestedName) => {
    expect(validator.Check({ ...valid, suggestedName })).toBe(false);
  });

  it('rejects unknown keys', () => {
    expect(validator.Check({ ...valid, path: '/tmp/x' })).toBe(false);
  });
});
