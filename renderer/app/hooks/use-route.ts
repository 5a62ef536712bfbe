/**
 * Hash-based routes (`#/batches/<id>`): the `app://` protocol serves no
 * fallback page, so every screen lives in the one `index.html`.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { screen: 'batches' }
  | { screen: 'batch'; batchId: string }
  | { screen: 'copy'; batchId: string; copyId: string }
  | { screen: 'compare'; batchId: string; copyId: string; otherId: string };

/** Decodes one part of the hash, or returns null when it is malformed. */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Parses `location.hash`; an unknown or malformed hash shows the batches. */
export function parseRoute(hash: string): Route {
  const decoded = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map(decodePart);
  const parts = decoded.filter((part) => part !== null);
  if (parts.length !== decoded.length) {
    return { screen: 'batches' };
  }

  if (parts[0] === 'batches' && parts[1] !== undefined) {
    if (
      parts[2] === 'compare' &&
      parts[3] !== undefined &&
      parts[4] !== undefined
    ) {
      return {
        screen: 'compare',
        batchId: parts[1],
        copyId: parts[3],
        otherId: parts[4],
      };
    }
    if (parts[2] === 'copies' && parts[3] !== undefined) {
      return { screen: 'copy', batchId: parts[1], copyId: parts[3] };
    }
    return { screen: 'batch', batchId: parts[1] };
  }
  return { screen: 'batches' };
}

/** Returns the hash of a route, for links: `#/batches/b%2F1`. */
export function routeHref(route: Route): string {
  switch (route.screen) {
    case 'batches':
      return '#/';
    case 'batch':
      return `#/batches/${encodeURIComponent(route.batchId)}`;
    case 'copy':
      return `#/batches/${encodeURIComponent(route.batchId)}/copies/${encodeURIComponent(route.copyId)}`;
    case 'compare':
      return `#/batches/${encodeURIComponent(route.batchId)}/compare/${encodeURIComponent(route.copyId)}/${encodeURIComponent(route.otherId)}`;
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Returns the current route and re-renders when the hash changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
