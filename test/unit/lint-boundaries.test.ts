import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function lintAs(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('layer boundaries', () => {
  it('rejects shared importing server', async () => {
    const messages = await lintAs(
      'shared/example.ts',
      "import { buildApp } from '../server/app';\nexport const app = buildApp;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/shared\/ is the lowest layer/);
  });

  it('rejects server importing renderer', async () => {
    const messages = await lintAs(
      'server/example.ts',
      "import { x } from '../renderer/store';\nexport const y = x;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/server\/ may import only shared\//);
  });

  it('rejects main importing renderer', async () => {
    const messages = await lintAs(
      'main/example.ts',
      "import { x } from '../renderer/store';\nexport const y = x;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('rejects renderer importing main or server', async () => {
    const messages = await lintAs(
      'renderer/example.ts',
      "import { a } from '../main/window';\nimport { b } from '../server/app';\nexport const c = [a, b];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('rejects client core importing Node, React or Electron', async () => {
    const messages = await lintAs(
      'renderer/core/example.ts',
      "import { readFile } from 'node:fs';\nimport { useState } from 'react';\nimport { app } from 'electron';\nexport const x = [readFile, useState, app];\n",
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]).toMatch(/uses only web APIs/);
  });

  it('still rejects client core importing server', async () => {
    const messages = await lintAs(
      'renderer/core/example.ts',
      "import { buildApp } from '../../server/app';\nexport const x = buildApp;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('allows server importing shared', async () => {
    const messages = await lintAs(
      'server/example.ts',
      "import { toHundredths } from '../shared/points';\nexport const x = toHundredths(1);\n",
    );
    expect(messages).toEqual([]);
  });
});
