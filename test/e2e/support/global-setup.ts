/**
 * Runs once before the end-to-end tests: builds the app with
 * `npm run build`, so the tests load the current sources, and logs why
 * tests will skip. In CI a missing Chromium stops the run instead, because
 * a skip there would hide the gap.
 */
import { spawnSync } from 'node:child_process';

import { electronSkipReason } from '../../e2e-electron/support/electron-binary';
import {
  chromiumMissingReason,
  INSTALL_CHROMIUM_HINT,
  isCiRun,
} from './chromium';
import { REPOSITORY_ROOT } from './paths';

export default function globalSetup(): void {
  if (isCiRun() && chromiumMissingReason() !== null) {
    throw new Error(
      `The end-to-end tests need Chromium in CI, and it is missing: ${INSTALL_CHROMIUM_HINT}`,
    );
  }

  for (const reason of [chromiumMissingReason(), electronSkipReason()]) {
    if (reason !== null) {
      console.warn(`Skipping: ${reason}`);
    }
  }

  const build = spawnSync('npm', ['run', 'build'], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  });
  if (build.error !== undefined) {
    throw new Error(
      `Could not start \`npm run build\`: ${build.error.message}`,
    );
  }
  if (build.status !== 0) {
    throw new Error(
      `\`npm run build\` failed with exit code ${build.status ?? build.signal}: fix the build errors above, then run the tests again`,
    );
  }
}
