/**
 * The bearer-token check every protected route runs first.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';

import type { Database } from '../db/tables';
import type { Caller } from '../access/visibility';
import { unauthorized } from '../http/problem';
import { findAccessToken } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in grader; set by `authenticate` on protected routes. */
    caller: Caller;
    /** The login the access token belongs to. */
    loginId: string;
  }
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

export function makeAuthenticate(db: Kysely<Database>) {
  return async function authenticate(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const header = request.headers.authorization;
    if (!header) {
      throw unauthorized(
        'The Authorization header is missing: send "Authorization: Bearer <accessToken>" from POST /api/v1/auth/login',
      );
    }

    const match = BEARER.exec(header);
    if (!match?.[1]) {
      throw unauthorized(
        'The Authorization header is not a bearer token: send "Authorization: Bearer <accessToken>"',
      );
    }

    const token = await findAccessToken(db, match[1]);
    if (!token) {
      throw unauthorized(
        'The access token is invalid, expired or revoked: refresh it with POST /api/v1/auth/refresh or sign in again',
      );
    }

    request.caller = { id: token.graderId, displayName: token.displayName };
    request.loginId = token.loginId;
    // The reply's logger writes the "request completed" line.
    request.log = request.log.child({ graderId: token.graderId });
    reply.log = request.log;
  };
}
