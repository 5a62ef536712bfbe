import { readdir } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { Policy, readPolicy } from '../../../main/policy';

const POLICY_FOLDER = path.resolve(
  import.meta.dirname,
  '../../../build/policy',
);

const examples = (await readdir(POLICY_FOLDER))
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('example policy files', () => {
  it('include one per system', () => {
    expect(examples).toEqual([
      'linux-exam-centre.json',
      'macos-home.json',
      'windows-exam-centre.json',
    ]);
  });

  it.each(examples)('%s is a valid policy', async (file) => {
    const result = await readPolicy(path.join(POLICY_FOLDER, file));

    expect(result).toMatchObject({ status: 'found' });
  });

  it('use every policy key', async () => {
    const usedKeys = new Set<string>();
    for (const file of examples) {
      const result = await readPolicy(path.join(POLICY_FOLDER, file));
      if (result.status === 'found') {
        Object.keys(result.policy).forEach((key) => usedKeys.add(key));
      }
    }

    expect([...usedKeys].sort()).toEqual(Object.keys(Policy.properties).sort());
  });
});
