/**
 * Every call between the renderer and the main process, written once.
 *
 * A channel is named `namespace:kebab-case-operation`. The main process
 * validates each payload against its `payload` schema before any handler
 * runs. The preload script and the browser build both expose the object
 * typed `CopydeskBridge` as `window.copydesk`, where `vault:get-refresh-token`
 * becomes `copydesk.vault.getRefreshToken()`.
 */
import Type, { type Static, type TSchema } from 'typebox';

/** The payload of a call without argument, or the result of a call without return value. */
const NoValue = Type.Undefined();

export const Language = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
export type Language = Static<typeof Language>;

/**
 * The settings fixed by the managed policy file; a key is absent when the
 * policy leaves it to the examiner. The kiosk administrator code hash stays
 * in the main process.
 */
export const ManagedSettings = Type.Object(
  {
    serverUrl: Type.Optional(Type.String()),
    language: Type.Optional(Language),
    kiosk: Type.Optional(Type.Boolean()),
    updateUrl: Type.Optional(Type.String()),
    idleLockMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ManagedSettings = Static<typeof ManagedSettings>;

/**
 * The settings the examiner chooses in the app, kept by the main process in
 * the user data folder (by the browser build in `localStorage`). A key fixed
 * by the policy overrides the same key here.
 */
export const UserSettings = Type.Object(
  {
    serverUrl: Type.Optional(Type.String({ maxLength: 2000 })),
    language: Type.Optional(Language),
  },
  { additionalProperties: false },
);
export type UserSettings = Static<typeof UserSettings>;

/**
 * The AES-GCM key that encrypts the local store, as 32 bytes in base64,
 * created on first use and kept encrypted with `safeStorage`, or in a file
 * that only the user can read where the system offers no encryption.
 */
export const StorageKey = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' });

export const VaultWriteResult = Type.Object(
  {
    /** False when the token is kept in memory only, until the app quits. */
    persisted: Type.Boolean(),
    /**
     * The reason the token was not written to disk, absent when it was:
     * no operating system encryption, only Chromium's `basic_text` store on
     * Linux (a fixed key, so no protection), or a failed file write.
     */
    reason: Type.Optional(
      Type.Union([
        Type.Literal('encryption-unavailable'),
        Type.Literal('basic-text-backend'),
        Type.Literal('write-failed'),
      ]),
    ),
  },
  { additionalProperties: false },
);
export type VaultWriteResult = Static<typeof VaultWriteResult>;

export const AppInfo = Type.Object(
  {
    version: Type.String(),
    platform: Type.String({
      description: 'process.platform of the main process',
    }),
    locale: Type.String({ description: 'BCP 47 tag of the system language' }),
  },
  { additionalProperties: false },
);
export type AppInfo = Static<typeof AppInfo>;

export const KioskState = Type.Object(
  {
    enabled: Type.Boolean(),
    /** True when the policy sets an administrator code that allows quitting. */
    adminCodeSet: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type KioskState = Static<typeof KioskState>;

export const AdminCodeRequest = Type.Object(
  { adminCode: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type AdminCodeRequest = Static<typeof AdminCodeRequest>;

/**
 * The check of an administrator code. `too-many-attempts`: the code was not
 * checked, because failed attempts make the next one wait.
 * `not-configured`: the policy sets no code, so only signing out restarts
 * the app.
 */
export const AdminCodeResult = Type.Object(
  {
    status: Type.Union([
      Type.Literal('accepted'),
      Type.Literal('wrong-code'),
      Type.Literal('too-many-attempts'),
      Type.Literal('not-configured'),
    ]),
    /** Seconds before the next attempt is checked; 0 when accepted. */
    retryAfterSeconds: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type AdminCodeResult = Static<typeof AdminCodeResult>;

/**
 * The state of the app's update. `off`: no updates in this build or mode
 * (kiosk, MSI, not packaged, browser). `ready`: `version` is downloaded and
 * a restart installs it.
 */
export const UpdateStatus = Type.Object(
  {
    state: Type.Union([
      Type.Literal('off'),
      Type.Literal('idle'),
      Type.Literal('checking'),
      Type.Literal('downloading'),
      Type.Literal('ready'),
    ]),
    version: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type UpdateStatus = Static<typeof UpdateStatus>;

export const FileExportRequest = Type.Object(
  {
    /** File name offered in the save dialog; a name only, never a path. */
    suggestedName: Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[^/\\\\:*?"<>|\\u0000-\\u001f]+$',
    }),
    mediaType: Type.String({ minLength: 1, maxLength: 100 }),
    /** Text written as UTF-8, at most 50 million characters. */
    content: Type.String({ maxLength: 50_000_000 }),
  },
  { additionalProperties: false },
);
export type FileExportRequest = Static<typeof FileExportRequest>;

export const FileExportResult = Type.Object(
  {
    saved: Type.Boolean({ description: 'false when the dialog was cancelled' }),
  },
  { additionalProperties: false },
);
export type FileExportResult = Static<typeof FileExportResult>;

export const LogEntry = Type.Object(
  {
    logger: Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$' }),
    level: Type.Union([
      Type.Literal('error'),
      Type.Literal('warn'),
      Type.Literal('info'),
      Type.Literal('debug'),
    ]),
    message: Type.String({ maxLength: 10_000 }),
  },
  { additionalProperties: false },
);
export type LogEntry = Static<typeof LogEntry>;

/** One renderer-to-main call: what the renderer sends and what it receives. */
export interface IpcCall {
  payload: TSchema;
  result: TSchema;
}

export const IPC_CONTRACT = {
  'vault:get-refresh-token': {
    payload: NoValue,
    result: Type.Union([Type.String(), Type.Null()]),
  },
  'vault:set-refresh-token': {
    payload: Type.String({ minLength: 1, maxLength: 1000 }),
    result: VaultWriteResult,
  },
  'vault:clear': { payload: NoValue, result: NoValue },
  /**
   * Null in the browser build, which keeps a non-extractable key in
   * IndexedDB instead. Rejects when the stored key cannot be read or
   * decrypted, which the main process never repairs by creating a new key,
   * or when a new key cannot be written.
   */
  'vault:get-storage-key': {
    payload: NoValue,
    result: Type.Union([StorageKey, Type.Null()]),
  },
  'config:get': { payload: NoValue, result: ManagedSettings },
  'settings:get': { payload: NoValue, result: UserSettings },
  /** Replaces every user setting and returns what was stored. */
  'settings:set': { payload: UserSettings, result: UserSettings },
  'app:get-info': { payload: NoValue, result: AppInfo },
  'kiosk:get-state': { payload: NoValue, result: KioskState },
  /**
   * Checks the administrator code; once one is accepted, the app may quit
   * until it restarts. Rejects outside kiosk mode.
   */
  'kiosk:authorize-quit': {
    payload: AdminCodeRequest,
    result: AdminCodeResult,
  },
  /** Quits the app; rejects unless an administrator code was accepted. */
  'kiosk:quit': { payload: NoValue, result: NoValue },
  /**
   * Erases the local store, caches, tokens, settings and logs, then
   * restarts on the sign-in screen, or quits once an administrator code
   * was accepted. The renderer closes its store first. Rejects outside
   * kiosk mode, and with the failed steps when a deletion fails.
   */
  'kiosk:wipe-and-restart': { payload: NoValue, result: NoValue },
  'update:get-status': { payload: NoValue, result: UpdateStatus },
  /** Restarts to install the downloaded update; rejects unless one is ready. */
  'update:install': { payload: NoValue, result: NoValue },
  'file:export': { payload: FileExportRequest, result: FileExportResult },
  'log:write': { payload: LogEntry, result: NoValue },
} as const satisfies Record<string, IpcCall>;

export type IpcContract = typeof IPC_CONTRACT;
export type IpcChannel = keyof IpcContract;
export type IpcPayload<C extends IpcChannel> = Static<
  IpcContract[C]['payload']
>;
export type IpcResult<C extends IpcChannel> = Static<IpcContract[C]['result']>;

export const IPC_CHANNELS = Object.keys(IPC_CONTRACT) as IpcChannel[];

export function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(IPC_CONTRACT, name);
}

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

type NamespaceOf<C extends string> = C extends `${infer N}:${string}`
  ? N
  : never;

type MethodOf<C extends string> = C extends `${string}:${infer O}`
  ? CamelCase<O>
  : never;

type BridgeMethod<C extends IpcChannel> = [IpcPayload<C>] extends [undefined]
  ? () => Promise<IpcResult<C>>
  : (payload: IpcPayload<C>) => Promise<IpcResult<C>>;

/** The type of `window.copydesk`, one method per channel of the contract. */
export type CopydeskBridge = {
  [N in NamespaceOf<IpcChannel>]: {
    [
      C in IpcChannel as NamespaceOf<C> extends N ? MethodOf<C> : never
    ]: BridgeMethod<C>;
  };
};

/**
 * Splits a channel into the two property names of its bridge method:
 * `vault:get-refresh-token` gives `['vault', 'getRefreshToken']`.
 */
export function bridgeMethodPath(channel: IpcChannel): [string, string] {
  const [namespace = '', operation = ''] = channel.split(':');
  const method = operation.replace(/-([a-z])/g, (_match, letter: string) =>
    letter.toUpperCase(),
  );
  return [namespace, method];
}
