/**
 * The examiner's session: which server the app talks to, who is signed in,
 * and whether the server can be reached. Screens read it through
 * `useSession`; nothing here waits on the network before showing what the
 * local store holds.
 *
 * The local store belongs to one grader, recorded under `GRADER_KEY`. At
 * start the app shows that grader's stored batches at once and restores the
 * sign-in in the background, so a restart on a train opens on the batches,
 * offline.
 */
import type { CopydeskBridge } from '../../../shared/ipc/contract';
import { isAllowedServiceUrl } from '../../../shared/service-url';
import { ApiClient } from '../../core/api/api-client';
import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../../core/api/errors';
import { VaultTokenStore } from '../../core/api/token-store';
import { refreshAssignments } from '../../core/assignments/refresh-assignments';
import { checkSignOutAllowed } from '../../core/backup/sign-out-guard';
import type { Logger } from '../../core/download/logger';
import { UnlockVerifier } from '../../core/kiosk/unlock-verifier';
import { checkWipeAllowed } from '../../core/kiosk/wipe-check';
import { countPendingReports } from '../../core/reports/report-store';
import { countUnsynced } from '../../core/sync/sync-backlog';
import type { CopydeskDatabase } from '../../core/store/database';

/** The `kv` key of the grader whose work the local store holds. */
export const GRADER_KEY = 'grader';

export interface Grader {
  id: string;
  displayName: string;
}

/**
 * `checking`: the sign-in is being restored. `sign-in-required`: the server
 * rejected the stored sign-in, so nothing syncs until the examiner signs in
 * again, but the local work stays available.
 */
export type Connection = 'checking' | 'online' | 'offline' | 'sign-in-required';

export type SessionState =
  | { phase: 'starting' }
  | { phase: 'needs-server' }
  | {
      phase: 'signed-out';
      serverUrl: string;
      serverLocked: boolean;
      /** Set when the previous sign-in expired. */
      expired: boolean;
    }
  | {
      phase: 'active';
      serverUrl: string;
      serverLocked: boolean;
      grader: Grader;
      connection: Connection;
      /** When the assignments were last received, or null. */
      lastRefreshAt: Date | null;
    };

/** The reason a sign-in failed, which the sign-in screen explains. */
export type SignInFailure =
  | { kind: 'wrong-credentials' }
  | { kind: 'too-many-attempts'; retryAfterSeconds: number }
  | { kind: 'offline' }
  | { kind: 'other-grader'; name: string }
  | { kind: 'failed'; detail: string };

export class SignInFailedError extends Error {
  constructor(readonly failure: SignInFailure) {
    super(`sign-in failed: ${failure.kind}`);
    this.name = 'SignInFailedError';
  }
}

export interface SessionOptions {
  bridge: CopydeskBridge;
  db: CopydeskDatabase;
  logger: Logger;
  /** Name the server lists the login under, such as `Copydesk on win32`. */
  deviceName: string;
  /** Reloads the page, so the main process applies a new server to the CSP. */
  reload: () => void;
}

export class Session {
  private state: SessionState = { phase: 'starting' };
  private readonly listeners = new Set<() => void>();
  private api: ApiClient | null = null;
  private refreshInFlight: Promise<void> | null = null;
  private kiosk = false;
  /** Made from the password at sign-in, for the lock screen; null after a restart. */
  private unlockVerifier: UnlockVerifier | null = null;

  constructor(private readonly options: SessionOptions) {}

  getState = (): SessionState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Returns the API client of the current server, or null before a server is set. */
  getApi(): ApiClient | null {
    return this.api;
  }

  /** Reads the settings and the stored grader, then restores the sign-in. */
  async start(): Promise<void> {
    const { bridge, db } = this.options;
    const [managed, user, kiosk] = await Promise.all([
      bridge.config.get(),
      bridge.settings.get(),
      bridge.kiosk.getState(),
    ]);
    this.kiosk = kiosk.enabled;
    const serverUrl = managed.serverUrl ?? user.serverUrl;
    if (serverUrl === undefined) {
      this.setState({ phase: 'needs-server' });
      return;
    }

    const serverLocked = managed.serverUrl !== undefined;
    this.api = new ApiClient({
      baseUrl: serverUrl,
      tokens: new VaultTokenStore({
        load: () => bridge.vault.getRefreshToken(),
        save: async (token) => {
          await bridge.vault.setRefreshToken(token);
        },
        clear: () => bridge.vault.clear(),
      }),
    });

    const stored = await db.kv.get(GRADER_KEY);
    if (stored === undefined) {
      this.setState({
        phase: 'signed-out',
        serverUrl,
        serverLocked,
        expired: false,
      });
      return;
    }

    this.setState({
      phase: 'active',
      serverUrl,
      serverLocked,
      grader: stored.value as Grader,
      connection: 'checking',
      lastRefreshAt: null,
    });
    void this.refresh();
  }

  /**
   * Saves the server address the examiner entered and reloads the app.
   * Raises an `Error` whose message names the value when the address is
   * not allowed.
   */
  async setServer(address: string): Promise<void> {
    const serverUrl = address.trim().replace(/\/+$/, '');
    if (!isAllowedServiceUrl(serverUrl, true)) {
      throw new Error(`invalid server address ${JSON.stringify(address)}`);
    }

    const user = await this.options.bridge.settings.get();
    await this.options.bridge.settings.set({ ...user, serverUrl });
    this.options.logger.info('server address changed', { serverUrl });
    this.options.reload();
  }

  /** Forgets the server address the examiner entered, to enter another. */
  async clearServer(): Promise<void> {
    const { serverUrl: _removed, ...rest } =
      await this.options.bridge.settings.get();
    await this.options.bridge.settings.set(rest);
    this.options.reload();
  }

  /** Signs in, then receives the assignments. Raises `SignInFailedError`. */
  async signIn(username: string, password: string): Promise<void> {
    const api = this.requireApi();
    const state = this.state;
    if (state.phase !== 'signed-out' && state.phase !== 'active') {
      throw new Error(`cannot sign in while the session is ${state.phase}`);
    }

    let grader: Grader;
    try {
      const tokens = await api.signIn(
        username,
        password,
        this.options.deviceName,
      );
      grader = tokens.grader;
    } catch (error) {
      throw new SignInFailedError(describeSignInError(error));
    }

    const stored = await this.options.db.kv.get(GRADER_KEY);
    const previous = stored?.value as Grader | undefined;
    if (previous !== undefined && previous.id !== grader.id) {
      // Sent and rejected reports stay in the store for good, so only
      // reports still waiting count; grades count while pending, parked
      // or in conflict.
      const pending =
        (await countUnsynced(this.options.db)) +
        (await countPendingReports(this.options.db));
      if (pending > 0) {
        await this.signOutOnServer(api, grader.id);
        throw new SignInFailedError({
          kind: 'other-grader',
          name: previous.displayName,
        });
      }
      await this.clearLocalStore();
    }

    await this.options.db.kv.put({ key: GRADER_KEY, value: grader });
    this.options.logger.info('signed in', { graderId: grader.id });
    await this.prepareUnlock(password, grader.id);
    this.setState({
      phase: 'active',
      serverUrl: state.serverUrl,
      serverLocked: state.serverLocked,
      grader,
      connection: 'online',
      lastRefreshAt: null,
    });
    void this.refresh();
  }

  /** Tells whether the app runs in kiosk mode, known after `start`. */
  isKiosk(): boolean {
    return this.kiosk;
  }

  /**
   * Tells whether the lock screen can check the password offline: false
   * after a restart, where unlocking means signing in again.
   */
  canUnlockOffline(): boolean {
    return this.unlockVerifier !== null;
  }

  /** Tests `password` against the verifier made at sign-in. */
  async checkUnlockPassword(password: string): Promise<boolean> {
    if (this.unlockVerifier === null) {
      return false;
    }
    const matches = await this.unlockVerifier.matches(password);
    if (!matches) {
      this.options.logger.warn('wrong password at the lock screen');
    }
    return matches;
  }

  /**
   * Signs out on the server and clears the tokens. The local store keeps
   * the batches, scans and marks. While grades are unsynced it rejects
   * with `UnsyncedWorkError` and stays signed in, unless `backupSaved`
   * states that an encrypted backup of them was saved.
   *
   * In kiosk mode it erases the computer instead (see `signOutAndWipe`),
   * and `backupSaved` is ignored.
   */
  async signOut(options: { backupSaved?: boolean } = {}): Promise<void> {
    const state = this.state;
    if (state.phase !== 'active') {
      return;
    }
    if (this.kiosk) {
      await this.signOutAndWipe(state.grader.id);
      return;
    }
    await checkSignOutAllowed(this.options.db, options);
    if (options.backupSaved === true) {
      this.options.logger.info('signing out with unsynced grades backed up', {
        graderId: state.grader.id,
      });
    }
    await this.signOutOnServer(this.requireApi(), state.grader.id);
    this.unlockVerifier = null;
    this.options.logger.info('signed out', { graderId: state.grader.id });
    this.setState({
      phase: 'signed-out',
      serverUrl: state.serverUrl,
      serverLocked: state.serverLocked,
      expired: false,
    });
  }

  /**
   * Signs out on a shared computer: rejects with `UnsyncedDataError` while
   * the server lacks anything, else revokes the login, closes the store and
   * has the main process erase every local trace and restart the app. The
   * returned promise rejects when the erasing fails, with the failed steps.
   */
  private async signOutAndWipe(graderId: string): Promise<void> {
    await checkWipeAllowed(this.options.db);
    await this.signOutOnServer(this.requireApi(), graderId);
    this.unlockVerifier = null;
    this.options.logger.info('signed out in kiosk mode, erasing local data', {
      graderId,
    });

    // IndexedDB deletes a database only once every connection is closed.
    this.options.db.close();
    await this.options.bridge.kiosk.wipeAndRestart();
  }

  /**
   * Derives the lock screen's verifier, about 0.3 s of PBKDF2. A failure
   * is logged and leaves the lock screen asking for a new sign-in.
   */
  private async prepareUnlock(
    password: string,
    graderId: string,
  ): Promise<void> {
    this.unlockVerifier = null;
    try {
      this.unlockVerifier = await UnlockVerifier.create(password);
    } catch (error) {
      this.options.logger.error(
        'lock screen password check unavailable: unlocking will need a new sign-in',
        { graderId, error: String(error) },
      );
    }
  }

  /** Shows the sign-in screen while keeping the stored work. */
  requestSignIn(): void {
    const state = this.state;
    if (state.phase === 'active') {
      this.setState({
        phase: 'signed-out',
        serverUrl: state.serverUrl,
        serverLocked: state.serverLocked,
        expired: state.connection === 'sign-in-required',
      });
    }
  }

  /**
   * Records that a request found no server, such as a download that paused,
   * so the status bar shows offline before the next refresh.
   */
  reportOffline(): void {
    this.updateActive({ connection: 'offline' });
  }

  /**
   * Records that a request got a response from the server with the stored
   * sign-in, such as a sync run that went through, so the status bar shows
   * online without a refresh.
   */
  reportReachable(): void {
    this.updateActive({ connection: 'online' });
  }

  /**
   * Receives the assignments again and updates the connection state.
   * Concurrent calls share one refresh.
   */
  refresh(): Promise<void> {
    if (this.refreshInFlight === null) {
      this.refreshInFlight = this.runRefresh().finally(() => {
        this.refreshInFlight = null;
      });
    }
    return this.refreshInFlight;
  }

  private async runRefresh(): Promise<void> {
    const api = this.api;
    if (api === null || this.state.phase !== 'active') {
      return;
    }

    try {
      await refreshAssignments({
        api,
        db: this.options.db,
        logger: this.options.logger,
      });
      this.updateActive({ connection: 'online', lastRefreshAt: new Date() });
    } catch (error) {
      if (error instanceof NetworkError) {
        this.options.logger.warn('server unreachable, working offline', {
          error: error.message,
        });
        this.updateActive({ connection: 'offline' });
      } else if (error instanceof SignInRequiredError) {
        // Without a stored refresh token the client cannot tell an
        // unreachable server from an expired sign-in, so it checks.
        const connection = (await this.isReachable(api))
          ? 'sign-in-required'
          : 'offline';
        this.options.logger.warn('sign-in required', {
          error: error.message,
          connection,
        });
        this.updateActive({ connection });
      } else {
        this.options.logger.error('receiving the assignments failed', {
          error: String(error),
        });
        this.updateActive({ connection: 'offline' });
      }
    }
  }

  /**
   * Revokes the login on the server and clears the tokens. A failure to
   * revoke is logged and not raised, because the tokens are cleared anyway
   * and the server lets them expire.
   */
  private async signOutOnServer(
    api: ApiClient,
    graderId: string,
  ): Promise<void> {
    try {
      await api.signOut();
    } catch (error) {
      this.options.logger.warn(
        'revoking the login on the server failed, but the tokens are forgotten',
        { graderId, error: String(error) },
      );
    }
  }

  private async isReachable(api: ApiClient): Promise<boolean> {
    try {
      await api.probe();
      return true;
    } catch {
      return false;
    }
  }

  private async clearLocalStore(): Promise<void> {
    const { db } = this.options;
    await db.transaction('rw', db.tables, async () => {
      await Promise.all(db.tables.map((table) => table.clear()));
    });
    this.options.logger.info('local store cleared for another grader');
  }

  private requireApi(): ApiClient {
    if (this.api === null) {
      throw new Error('no server address is set: enter one first');
    }
    return this.api;
  }

  private updateActive(
    changes: Partial<Extract<SessionState, { phase: 'active' }>>,
  ): void {
    if (this.state.phase === 'active') {
      this.setState({ ...this.state, ...changes });
    }
  }

  private setState(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) {
      listener();
    }
  }
}

function describeSignInError(error: unknown): SignInFailure {
  if (error instanceof NetworkError) {
    return { kind: 'offline' };
  }
  // 400 is an identifier or password the server rejects before checking
  // it, such as one too long: for the examiner, a wrong one.
  if (
    error instanceof ApiError &&
    (error.status === 401 || error.status === 400)
  ) {
    return { kind: 'wrong-credentials' };
  }
  if (error instanceof ApiError && error.status === 429) {
    return {
      kind: 'too-many-attempts',
      retryAfterSeconds: error.retryAfterSeconds ?? 60,
    };
  }
  return {
    kind: 'failed',
    detail: error instanceof Error ? error.message : String(error),
  };
}
