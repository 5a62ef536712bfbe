import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  'runs-on': string;
  container?: string;
  needs?: string;
  env?: Record<string, string>;
  strategy?: { matrix: { os: string[] } };
  steps: Step[];
}

interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = await readFile(
  path.join(ROOT, '.github/workflows/release.yml'),
  'utf8',
);
const workflow = parse(text) as Workflow;

// Environment variable names that carry credentials.
const SECRET_NAME = /LINK|PASSWORD|APPLE_ID|TEAM_ID|TOKEN|KEY/;

function allSteps(): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

function runScripts(job: Job): string {
  return job.steps.map((step) => step.run ?? '').join('\n');
}

describe('release workflow', () => {
  it('runs on version tags only', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push.tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('runs the full suite on Debian 12', () => {
    const test = workflow.jobs.test!;

    expect(test.container).toBe('debian:12');
    expect(runScripts(test)).toContain('.ci/run');
  });

  it('builds on three systems after the tests', () => {
    const installers = workflow.jobs.installers!;

    expect(installers.needs).toBe('test');
    expect(installers.strategy?.matrix.os).toEqual([
      'windows-latest',
      'macos-latest',
      'ubuntu-latest',
    ]);
    expect(installers['runs-on']).toBe('${{ matrix.os }}');
  });

  it('uses Node 20 and npm ci', () => {
    const installers = workflow.jobs.installers!;
    const setupNode = installers.steps.find((step) =>
      step.uses?.startsWith('actions/setup-node@'),
    );

    expect(setupNode?.with?.['node-version']).toBe(20);
    expect(runScripts(installers)).toContain('npm ci');
    expect(runScripts(installers)).toContain('npm run test:unit');
  });

  it('builds every installer', () => {
    const script = runScripts(workflow.jobs.installers!);

    for (const command of [
      'npm run dist:win ',
      'npm run dist:win:msi ',
      'npm run dist:mac ',
      'npm run dist:linux ',
    ]) {
      expect(script, command).toContain(command);
    }
  });

  it('uploads installers and update files', () => {
    const upload = workflow.jobs.installers!.steps.find((step) =>
      step.uses?.startsWith('actions/upload-artifact@'),
    );
    const paths = String(upload?.with?.path).trim().split('\n');

    expect(paths).toContain('dist/latest*.yml');
    expect(paths).toContain('dist/*.blockmap');
    for (const extension of ['exe', 'msi', 'dmg', 'zip', 'AppImage', 'deb']) {
      expect(paths, extension).toContain(`dist/*.${extension}`);
    }
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('takes credentials from secrets only', () => {
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      for (const [name, value] of Object.entries(job.env ?? {})) {
        if (SECRET_NAME.test(name)) {
          expect(value, `${jobName}: ${name}`).toBe(
            `\${{ secrets.${name.replace(/^CSC_/, 'MAC_CSC_')} }}`,
          );
        }
      }
    }
  });

  it('keeps secrets out of commands', () => {
    for (const step of allSteps()) {
      expect(step.run ?? '', step.name).not.toMatch(/secrets\./);
      expect(JSON.stringify(step.with ?? {}), step.name).not.toMatch(
        /secrets\./,
      );
    }
  });
});
