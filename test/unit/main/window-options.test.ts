import { describe, expect, it } from 'vitest';

import { createWebPreferences } from '../../../main/window-options';

describe('createWebPreferences', () => {
  it('returns exactly the secure preferences', () => {
    const preferences = createWebPreferences('/opt/Copydesk/preload.cjs');

    expect(preferences).toStrictEqual({
      preload: '/opt/Copydesk/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('leaves Node.js out of workers and subframes', () => {
    const preferences = createWebPreferences('/opt/Copydesk/preload.cjs');

    expect(preferences.nodeIntegrationInWorker).toBeUndefined();
    expect(preferences.nodeIntegrationInSubFrames).toBeUndefined();
    expect(preferences.allowRunningInsecureContent).toBeUndefined();
    expect(preferences.experimentalFeatures).toBeUndefined();
  });
});
