import { useLayoutEffect, useState, type RefObject } from 'react';

import type { Size } from './zoom';

/**
 * Returns the inner size of the element in `ref` (`clientWidth` and
 * `clientHeight`, padding included, scroll bars left out), measured before
 * the first paint and again whenever it changes.
 */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });

  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) {
      return;
    }
    const measure = () => {
      const width = element.clientWidth;
      const height = element.clientHeight;
      setSize((previous) =>
        previous.width === width && previous.height === height
          ? previous
          : { width, height },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);

  return size;
}
