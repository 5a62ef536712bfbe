import { useMemo } from 'react';

import type { Logger } from '../../core/download/logger';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

/** Returns the renderer's logger named `backup`. */
export function useBackupLogger(): Logger {
  const { bridge } = useServices();
  return useMemo(() => createRendererLogger(bridge, 'backup'), [bridge]);
}
