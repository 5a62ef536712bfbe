/**
 * Token storage for the API client. The access token lives only in
 * memory, because it expires within minutes. The refresh token outlives the
 * process, so it goes through a `RefreshTokenVault` that the Electron main
 * process (the operating system's keychain) or the browser bridge provides.
 */

/** Persistent storage of the refresh token, outside the renderer. */
export interface RefreshTokenVault {
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
  clear(): Promise<void>;
}

export interface TokenStore {
  getAccessToken(): string | null;
  getRefreshToken(): Promise<string | null>;
  /** Stores the tokens of a sign-in or a refresh, replacing the old ones. */
  saveTokens(accessToken: string, refreshToken: string): Promise<void>;
  /** Forgets both tokens, as at sign-out or when the refresh token is rejected. */
  clear(): Promise<void>;
}

/** A `TokenStore` with the access token in memory and the refresh token in a vault. */
export class VaultTokenStore implements TokenStore {
  private accessToken: string | null = null;

  constructor(private readonly vault: RefreshTokenVault) {}

  getAccessToken(): string | null {
    return this.accessToken;
  }

  getRefreshToken(): Promise<string | null> {
    return this.vault.load();
  }

  async saveTokens(accessToken: string, refreshToken: string): Promise<void> {
    await this.vault.save(refreshToken);
    this.accessToken = accessToken;
  }

  async clear(): Promise<void> {
    this.accessToken = null;
    await this.vault.clear();
  }
}

/** A vault that keeps the refresh token in memory only, for tests. */
export class MemoryRefreshTokenVault implements RefreshTokenVault {
  private refreshToken: string | null = null;

  async load(): Promise<string | null> {
    return this.refreshToken;
  }

  async save(refreshToken: string): Promise<void> {
    this.refreshToken = refreshToken;
  }

  async clear(): Promise<void> {
    this.refreshToken = null;
  }
}
