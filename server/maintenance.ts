/**
 * Periodic clean-up: pruned changes, expired idempotency keys and tokens.
 * Every replica may run it; each step is safe to run twice at once.
 */
import type { FastifyBaseLogger } from 'fastify';

import { pruneChanges } from './changes/feed';
import type { AppContext } from './context';
import { pruneIdempotencyKeys } from './grades/idempotency';

export async function runMaintenance(
  { db, config }: AppContext,
  now = new Date(),
): Promise<Record<string, number>> {
  const changes = await pruneChanges(db, config.changesRetention, now);
  const idempotencyKeys = await pruneIdempotencyKeys(
    db,
    config.idempotencyTtl,
    now,
  );

  const expired = now.toISOString();
  const accessTokens = await db
    .deleteFrom('access_tokens')
    .where('expires_at', '<', expired)
    .executeTakeFirst();
  const refreshTokens = await db
    .deleteFrom('refresh_tokens')
    .where('expires_at', '<', expired)
    .executeTakeFirst();

  return {
    changes,
    idempotencyKeys,
    accessTokens: Number(accessTokens.numDeletedRows),
    refreshTokens: Number(refreshTokens.numDeletedRows),
  };
}

/** Runs the clean-up now and then every `intervalMs`; returns a stop function. */
export function scheduleMaintenance(
  context: AppContext,
  log: FastifyBaseLogger,
  intervalMs = 60 * 60 * 1000,
): () => void {
  const run = () => {
    runMaintenance(context).then(
      (removed) => log.info({ removed }, 'maintenance done'),
      (error: unknown) => log.error({ err: error }, 'maintenance failed'),
    );
  };

  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
