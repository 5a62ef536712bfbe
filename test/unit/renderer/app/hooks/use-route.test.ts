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
    [
      '#/batches/b1/compare/c1/c%202',
      { screen: 'compare', batchId: 'b1', copyId: 'c1', otherId: 'c 2' },
    ],
    ['#/batches/b1/compare/c1', { screen: 'batch', batchId: 'b1' }],
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

  it.each<Route>([
    { screen: 'copy', batchId: 'b 1', copyId: 'c#2' },
    { screen: 'compare', batchId: 'b/1', copyId: 'c?1', otherId: 'c#2' },
  ])('reads back what routeHref writes for $screen', (route) => {
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
