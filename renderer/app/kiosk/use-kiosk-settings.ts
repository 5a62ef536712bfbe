import { useEffect, useState } from 'react';

import { useServices } from '../services/app-services';

export interface KioskSettings {
  kiosk: boolean;
  adminCodeSet: boolean;
  /** The policy's `idleLockMinutes`, or null when the app never locks. */
  idleLockMinutes: number | null;
}

/**
 * Returns the kiosk state and idle lock delay from the bridge, or null
 * until they are read. Both come from the policy, so they are read once.
 */
export function useKioskSettings(): KioskSettings | null {
  const { bridge } = useServices();
  const [settings, setSettings] = useState<KioskSettings | null>(null);

  useEffect(() => {
    let active = true;
    void Promise.all([bridge.kiosk.getState(), bridge.config.get()]).then(
      ([state, config]) => {
        if (active) {
          setSettings({
            kiosk: state.enabled,
            adminCodeSet: state.adminCodeSet,
            idleLockMinutes: config.idleLockMinutes ?? null,
          });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [bridge]);

  return settings;
}
