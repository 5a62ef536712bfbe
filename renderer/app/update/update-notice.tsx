import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { UpdateStatus } from '../../../shared/ipc/contract';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';

/** Time between two reads of the update status. */
const STATUS_POLL_MS = 60_000;

/**
 * Renders a small notice in the status bar once an update is downloaded.
 * It never takes the focus or opens a dialog; pressing it restarts into
 * the update, through the quit prompt when marks are not synced.
 */
export function UpdateNotice() {
  const { t } = useTranslation();
  const { bridge } = useServices();
  const [status, setStatus] = useState<UpdateStatus>({ state: 'off' });
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setInterval> | null = null;

    const read = async () => {
      const next = await bridge.update.getStatus();
      if (!active) {
        return;
      }
      setStatus(next);
      // Off stays off for the whole run, so polling stops.
      if ((next.state === 'off' || next.state === 'ready') && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    };

    timer = setInterval(() => void read(), STATUS_POLL_MS);
    void read();
    return () => {
      active = false;
      if (timer !== null) {
        clearInterval(timer);
      }
    };
  }, [bridge]);

  async function install() {
    setFailure(null);
    try {
      await bridge.update.install();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      createRendererLogger(bridge, 'update').error('update install failed', {
        error: detail,
      });
      setFailure(t('update.installFailed', { detail }));
    }
  }

  if (status.state !== 'ready') {
    return null;
  }

  return (
    <span className="update-notice" role="status">
      <Button
        className="link"
        onPress={() => void install()}
        aria-description={t('update.readyVersion', {
          version: status.version ?? '',
        })}
      >
        {t('update.ready')}
      </Button>
      {failure !== null && <span className="error-text"> {failure}</span>}
    </span>
  );
}
