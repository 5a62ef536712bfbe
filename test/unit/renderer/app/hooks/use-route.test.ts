import { describe, expect, it } from 'vitest';

import {
  parseRoute,
  routeHref,
  type Route,
} from '../../../../../renderer/app/hooks/use-route';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { screen: 'batches' }],
    ['#/', { screen: 'batches' }],
    ['#/batches/b1', { screen: 'batch', batchId: 'b1' }],
    [
      '#/batches/b1/copies/c%2F2',
      { screen: 'copy', batchId: 'b1', copyId: 'c/2' },
    ],
    ['#/unknown/place', { screen: 'batches' }],
  ])('reads %j', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });

  it.each(['#/batches/%ZZ', '#/batches/b1/copies/%E0%A4%A'])(
    'shows the batches for malformed %s',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ screen: 'batches' });
    },
  );

  it('reads back what routeHref writes', () => {
    const route: Route = { screen: 'copy', batchId: 'b 1', copyId: 'c#2' };

    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
