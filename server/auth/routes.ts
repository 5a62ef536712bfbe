/**
 * Sign-in, token refresh, sign-out and the caller's identity.
 */
import type { FastifyInstance, onRequestAsyncHookHandler } from 'fastify';

import {
  Grader,
  LoginRequest,
  RefreshRequest,
  TokenResponse,
  PROBLEM_TYPES,
  type LoginRequest as LoginBody,
  type RefreshRequest as RefreshBody,
} from '../../shared/api/schemas';
import type { AppContext } from '../context';
import { HttpProblem, unauthorized } from '../http/problem';
import {
  BEARER_SECURITY,
  jsonResponse,
  problemResponses,
  ref,
} from '../http/schemas';
import { decoyPasswordHash, verifyPassword } from './passwords';
import {
  ADDRESS_RULE,
  USERNAME_RULE,
  clearFailures,
  refundAttempt,
  reserveAttempt,
} from './rate-limit';
import { refreshLogin, revokeLogin, startLogin } from './tokens';

const WRONG_CREDENTIALS =
  'The username or password is incorrect: check both and try again';

function tooManyAttempts(scope: string, seconds: number): HttpProblem {
  return new HttpProblem(
    429,
    PROBLEM_TYPES.tooManyRequests,
    `Too many sign-in attempts ${scope}: wait ${seconds} seconds before trying again`,
    { 'retry-after': String(seconds) },
  );
}

/**
 * Returns the username to look up and to count failures for. The import
 * rejects usernames that start or end with white space, so trimming only
 * forgives a stray space. The case is kept because usernames are matched
 * exactly, and two accounts may differ only by case.
 */
function loginUsername(typed: string): string {
  return typed.trim();
}

export function registerAuthRoutes(
  app: FastifyInstance,
  context: AppContext,
  authenticate: onRequestAsyncHookHandler,
): void {
  const { db, config } = context;
  const lifetimes = {
    accessTokenTtl: config.accessTokenTtl,
    refreshTokenTtl: config.refreshTokenTtl,
  };

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      schema: {
        summary: 'Sign in',
        description:
          'Checks a username and password and returns an access token for the API and a refresh token to renew it.',
        tags: ['auth'],
        operationId: 'login',
        body: ref(LoginRequest),
        response: {
          200: jsonResponse(
            TokenResponse,
            'Signed in: send the access token as `Authorization: Bearer <accessToken>`',
          ),
          ...problemResponses(
            400,
            [
              401,
              'The username or password is incorrect. An unknown username gets the same answer.',
            ],
            413,
            415,
            [
              429,
              'Too many failed sign-in attempts from this address or for this username: wait Retry-After seconds',
            ],
          ),
        },
      },
    },
    async (request) => {
      const { password, deviceName } = request.body;
      const username = loginUsername(request.body.username);
      const userKey = `user:${username}`;
      const addressKey = `ip:${request.ip}`;

      const byAddress = await reserveAttempt(db, addressKey, ADDRESS_RULE);
      if (!byAddress.allowed) {
        request.log.warn(
          { retryAfter: byAddress.retryAfter },
          'sign-in rejected: too many attempts from this address',
        );
        throw tooManyAttempts(
          'from this network address',
          byAddress.retryAfter,
        );
      }
      const byUser = await reserveAttempt(db, userKey, USERNAME_RULE);
      if (!byUser.allowed) {
        // No password was checked, so the address gets its attempt back.
        await refundAttempt(db, addressKey, byAddress);
        request.log.warn(
          { retryAfter: byUser.retryAfter },
          'sign-in rejected: too many attempts for this username',
        );
        throw tooManyAttempts('for this username', byUser.retryAfter);
      }

      const grader = await db
        .selectFrom('graders')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();

      // An unknown user costs one hash too, so timing does not tell which
      // usernames exist.
      const hash = grader?.password_hash ?? (await decoyPasswordHash());
      const valid = await verifyPassword(password, hash);
      if (!grader || !valid) {
        request.log.info('sign-in failed: wrong credentials');
        throw unauthorized(WRONG_CREDENTIALS);
      }

      await clearFailures(db, userKey);
      await refundAttempt(db, addressKey, byAddress);
      const tokens = await startLogin(db, grader.id, deviceName, lifetimes);
      request.log.info({ graderId: grader.id }, 'signed in');
      return {
        ...tokens,
        grader: { id: grader.id, displayName: grader.display_name },
      };
    },
  );

  app.post<{ Body: RefreshBody }>(
    '/auth/refresh',
    {
      schema: {
        summary: 'Renew the tokens',
        description:
          'Exchanges a refresh token for a new access token and a new refresh token, after which the old refresh token stops working.',
        tags: ['auth'],
        operationId: 'refresh',
        body: ref(RefreshRequest),
        response: {
          200: jsonResponse(
            TokenResponse,
            'New tokens: keep the new refresh token, because the one sent is now used up',
          ),
          ...problemResponses(
            400,
            [
              401,
              'The refresh token is invalid, expired, revoked or already used: sign in again. Reusing a rotated refresh token also revokes every token of its sign-in.',
            ],
            413,
            415,
          ),
        },
      },
    },
    async (request) => {
      const outcome = await refreshLogin(
        db,
        request.body.refreshToken,
        lifetimes,
      );

      if (outcome.kind === 'reused') {
        request.log.warn(
          { graderId: outcome.graderId, loginId: outcome.loginId },
          'rotated refresh token reused: login revoked',
        );
        throw unauthorized(
          'This refresh token was already used, so every token of this sign-in is now revoked: sign in again',
        );
      }
      if (outcome.kind === 'rejected') {
        throw unauthorized(
          `The refresh token is ${outcome.reason === 'unknown' ? 'invalid' : outcome.reason}: sign in again`,
        );
      }

      const grader = await db
        .selectFrom('graders')
        .select(['id', 'display_name'])
        .where('id', '=', outcome.graderId)
        .executeTakeFirstOrThrow();
      return {
        ...outcome.tokens,
        grader: { id: grader.id, displayName: grader.display_name },
      };
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: authenticate,
      schema: {
        summary: 'Sign out',
        description:
          "Revokes every access and refresh token issued from the caller's sign-in.",
        tags: ['auth'],
        operationId: 'logout',
        security: BEARER_SECURITY,
        response: {
          204: { description: 'Signed out', type: 'null' },
          ...problemResponses(400, 401, 413, 415),
        },
      },
    },
    async (request, reply) => {
      await revokeLogin(db, request.loginId);
      request.log.info('signed out');
      return reply.code(204).send();
    },
  );

  app.get(
    '/me',
    {
      onRequest: authenticate,
      schema: {
        summary: 'Read the signed-in grader',
        description: 'Returns the id and display name of the caller.',
        tags: ['auth'],
        operationId: 'getMe',
        security: BEARER_SECURITY,
        response: {
          200: jsonResponse(Grader, 'The signed-in grader'),
          ...problemResponses(401),
        },
      },
    },
    async (request) => request.caller,
  );
}
