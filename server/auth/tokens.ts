/**
 * Access and refresh tokens. Both are random strings given to the client
 * once; the database stores only their SHA-256. A sign-in on a device is a
 * "login": refreshing rotates the refresh token within that login, and a
 * rotated refresh token that comes back (stolen, or replayed) revokes the
 * whole login, so every token issued from it stops working.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from '../db/tables';

export interface TokenLifetimes {
  /** Seconds. */
  accessTokenTtl: number;
  /** Seconds. */
  refreshTokenTtl: number;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// The prefixes make leaked tokens easy to recognise in logs and by secret
// scanners.
function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

function inSeconds(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

async function issueTokens(
  db: Kysely<Database>,
  loginId: string,
  graderId: string,
  lifetimes: TokenLifetimes,
  now: Date,
): Promise<IssuedTokens> {
  const accessToken = newToken('cda');
  const refreshToken = newToken('cdr');

  await db
    .insertInto('access_tokens')
    .values({
      token_hash: hashToken(accessToken),
      login_id: loginId,
      grader_id: graderId,
      expires_at: inSeconds(now, lifetimes.accessTokenTtl),
    })
    .execute();
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: hashToken(refreshToken),
      login_id: loginId,
      expires_at: inSeconds(now, lifetimes.refreshTokenTtl),
      used_at: null,
    })
    .execute();

  return { accessToken, refreshToken, expiresIn: lifetimes.accessTokenTtl };
}

/** Starts a login for a grader whose password was checked. */
export async function startLogin(
  db: Kysely<Database>,
  graderId: string,
  deviceName: string,
  lifetimes: TokenLifetimes,
  now = new Date(),
): Promise<IssuedTokens> {
  return db.transaction().execute(async (trx) => {
    const loginId = randomUUID();
    await trx
      .insertInto('logins')
      .values({
        id: loginId,
        grader_id: graderId,
        device_name: deviceName,
        created_at: now.toISOString(),
        revoked_at: null,
      })
      .execute();
    return issueTokens(trx, loginId, graderId, lifetimes, now);
  });
}

export type RefreshOutcome =
  | { kind: 'refreshed'; graderId: string; tokens: IssuedTokens }
  | { kind: 'rejected'; reason: 'unknown' | 'expired' | 'revoked' }
  | { kind: 'reused'; graderId: string; loginId: string };

/**
 * Exchanges a refresh token for new tokens. Marking the old token used and
 * issuing the new ones happen in one transaction, and the update only
 * succeeds on a token not used yet, so two concurrent refreshes with the
 * same token cannot both succeed.
 */
export async function refreshLogin(
  db: Kysely<Database>,
  refreshToken: string,
  lifetimes: TokenLifetimes,
  now = new Date(),
): Promise<RefreshOutcome> {
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('logins', 'logins.id', 'refresh_tokens.login_id')
      .select([
        'refresh_tokens.token_hash',
        'refresh_tokens.expires_at',
        'refresh_tokens.used_at',
        'logins.id as login_id',
        'logins.grader_id',
        'logins.revoked_at',
      ])
      .where('refresh_tokens.token_hash', '=', hashToken(refreshToken))
      .executeTakeFirst();

    if (!row) {
      return { kind: 'rejected', reason: 'unknown' } as const;
    }
    if (row.revoked_at !== null) {
      return { kind: 'rejected', reason: 'revoked' } as const;
    }
    if (row.used_at !== null) {
      return {
        kind: 'reused',
        graderId: row.grader_id,
        loginId: row.login_id,
      } as const;
    }
    if (row.expires_at <= now.toISOString()) {
      return { kind: 'rejected', reason: 'expired' } as const;
    }

    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: now.toISOString() })
      .where('token_hash', '=', row.token_hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      return {
        kind: 'reused',
        graderId: row.grader_id,
        loginId: row.login_id,
      } as const;
    }

    const tokens = await issueTokens(
      trx,
      row.login_id,
      row.grader_id,
      lifetimes,
      now,
    );
    return { kind: 'refreshed', graderId: row.grader_id, tokens } as const;
  });

  // The revocation is committed on its own: the transaction above only read
  // when it found the reuse.
  if (outcome.kind === 'reused') {
    await revokeLogin(db, outcome.loginId, now);
  }
  return outcome;
}

/** Revokes a login: every access and refresh token issued from it. */
export async function revokeLogin(
  db: Kysely<Database>,
  loginId: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable('logins')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', loginId)
    .where('revoked_at', 'is', null)
    .execute();
}

export interface AuthenticatedToken {
  graderId: string;
  displayName: string;
  loginId: string;
}

/** Looks up a valid, unexpired access token of a login not revoked. */
export async function findAccessToken(
  db: Kysely<Database>,
  accessToken: string,
  now = new Date(),
): Promise<AuthenticatedToken | null> {
  const row = await db
    .selectFrom('access_tokens')
    .innerJoin('logins', 'logins.id', 'access_tokens.login_id')
    .innerJoin('graders', 'graders.id', 'access_tokens.grader_id')
    .select([
      'access_tokens.grader_id',
      'access_tokens.login_id',
      'graders.display_name',
    ])
    .where('access_tokens.token_hash', '=', hashToken(accessToken))
    .where('access_tokens.expires_at', '>', now.toISOString())
    .where('logins.revoked_at', 'is', null)
    .executeTakeFirst();

  if (!row) {
    return null;
  }
  return {
    graderId: row.grader_id,
    displayName: row.display_name,
    loginId: row.login_id,
  };
}
