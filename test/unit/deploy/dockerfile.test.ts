import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const REPOSITORY_ROOT = join(import.meta.dirname, '../../..');

interface Instruction {
  keyword: string;
  argument: string;
}

/** Splits a Dockerfile into instructions, joining continued lines. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');

  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), argument: rest.join(' ') };
    });
}

/** Groups instructions by build stage, each starting at a FROM. */
function splitStages(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      stages.push([]);
    }
    stages.at(-1)?.push(instruction);
  }
  return stages;
}

const text = readFileSync(join(REPOSITORY_ROOT, 'deploy/Dockerfile'), 'utf8');
const stages = splitStages(parseDockerfile(text));
const finalStage = stages.at(-1)!;

const argumentsOf = (stage: Instruction[], keyword: string) =>
  stage
    .filter((instruction) => instruction.keyword === keyword)
    .map((instruction) => instruction.argument);

describe('server Dockerfile', () => {
  it('builds in two stages on Node 20', () => {
    expect(stages).toHaveLength(2);
    for (const stage of stages) {
      expect(stage[0]!.argument).toMatch(/^node:20-bookworm-slim\b/);
    }
  });

  it('installs production dependencies only', () => {
    const build = argumentsOf(stages[0]!, 'RUN').join(' ');

    expect(build).toMatch(/npm ci --omit=dev/);
    expect(build).not.toMatch(/npm (install|i)\b/);
  });

  it('copies only the server into the image', () => {
    const copied = argumentsOf(finalStage, 'COPY');

    expect(copied).toEqual([
      '--from=build /app/node_modules ./node_modules',
      'package.json tsconfig.json ./',
      'shared ./shared',
      'server ./server',
    ]);
  });

  it('runs as a numeric non-root user', () => {
    const users = argumentsOf(finalStage, 'USER');

    expect(users).toHaveLength(1);
    const [uid, gid] = users[0]!.split(':').map(Number);
    expect(uid).toBeGreaterThan(0);
    expect(gid).toBeGreaterThan(0);
  });

  it('listens on all addresses at 8080', () => {
    const environment = argumentsOf(finalStage, 'ENV').join(' ');

    expect(environment).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(environment).toMatch(/\bPORT=8080\b/);
    expect(environment).toMatch(/\bTSX_DISABLE_CACHE=1\b/);
    expect(argumentsOf(finalStage, 'EXPOSE')).toEqual(['8080']);
  });

  it('starts the server with node itself', () => {
    expect(argumentsOf(finalStage, 'CMD')).toEqual([
      '["node", "--import", "tsx", "server/cli/serve.ts"]',
    ]);
  });

  it('holds no secret', () => {
    const settings = [
      ...argumentsOf(finalStage, 'ENV'),
      ...stages.flatMap((stage) => argumentsOf(stage, 'ARG')),
    ].join(' ');

    expect(settings).not.toMatch(/PASSWORD|SECRET|TOKEN|ACCESS_KEY/i);
    expect(text).not.toMatch(/postgres:\/\/[^\s]*@/);
  });
});

describe('.dockerignore', () => {
  it('keeps only the server sources', () => {
    const lines = readFileSync(join(REPOSITORY_ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));

    expect(lines[0]).toBe('*');
    expect(lines.slice(1).sort()).toEqual([
      '!package-lock.json',
      '!package.json',
      '!server/',
      '!shared/',
      '!tsconfig.json',
    ]);
  });
});
