import { useEffect, useState } from 'react';

/**
 * Returns `window.devicePixelRatio`, updated when it changes: the window
 * moves to another screen, or the browser zooms.
 */
export function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => window.devicePixelRatio || 1);

  useEffect(() => {
    // A media query on the current ratio changes when the ratio does.
    const query = window.matchMedia(`(resolution: ${ratio}dppx)`);
    const update = () => setRatio(window.devicePixelRatio || 1);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [ratio]);

  return ratio;
}
