/**
 * Row types of the server's database, shared by SQLite and PostgreSQL.
 *
 * Times are stored as RFC 3339 UTC text (`Date.prototype.toISOString`), which
 * sorts correctly as text and reads back the same from both databases. JSON
 * values are stored as text and parsed by the code that reads them.
 */
import type { Generated, Insertable, Selectable } from 'kysely';

export interface GradersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  created_at: string;
}

/** One exam sitting; the API calls it a session (`Batch.sessionId`). */
export interface SittingsTable {
  id: string;
  title: string;
  subject: string;
  /**
   * JSON `HeaderLayout` of the sitting's answer sheets, every field filled
   * in, or null for the usual French answer sheet.
   */
  header_layout: string | null;
  created_at: string;
}

/** A grader's role in one sitting: `grader` or `supervisor`. */
export interface SittingMembersTable {
  sitting_id: string;
  grader_id: string;
  role: 'grader' | 'supervisor';
}

export interface SchemesTable {
  id: string;
  sitting_id: string;
  version: number;
  title: string;
  /** JSON array of `{id, label, maxPoints, step}`. */
  questions: string;
  total_hundredths: number;
}

export interface BatchesTable {
  id: string;
  sitting_id: string;
  grader_id: string;
  scheme_id: string;
  title: string;
  subject: string;
  deadline: string;
  status: 'open' | 'submitted' | 'closed';
  withdrawn_at: string | null;
  created_at: string;
}

export interface CopiesTable {
  id: string;
  sitting_id: string;
  batch_id: string;
  anonymous_code: string;
  page_count: number;
  sha256: string;
  size: number;
  content_type: string;
  revision: number;
  /** Key of the scan in the scan storage. */
  storage_key: string;
  withdrawn_at: string | null;
  created_at: string;
}

export interface GradesTable {
  copy_id: string;
  version: number;
  status: 'draft' | 'final';
  /** JSON object of question id to points. */
  marks: string;
  comment: string;
  /** JSON array of flag names. */
  flags: string;
  /** JSON array of annotations. */
  annotations: string;
  updated_at: string;
  updated_by: string;
  client_updated_at: string;
}

/** Stored responses of grade writes, replayed for a repeated key. */
export interface IdempotencyKeysTable {
  grader_id: string;
  key: string;
  /** SHA-256 of the copy id, the precondition and the canonical body. */
  request_hash: string;
  status_code: number;
  response_body: string;
  created_at: string;
}

/** One sign-in on one device; every token of it is revoked together. */
export interface LoginsTable {
  id: string;
  grader_id: string;
  device_name: string;
  created_at: string;
  revoked_at: string | null;
}

export interface RefreshTokensTable {
  /** SHA-256 of the token; the token itself is never stored. */
  token_hash: string;
  login_id: string;
  expires_at: string;
  used_at: string | null;
}

export interface AccessTokensTable {
  token_hash: string;
  login_id: string;
  grader_id: string;
  expires_at: string;
}

/** Failed sign-ins per username, for the login rate limit. */
export interface LoginFailuresTable {
  username: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface ChangesTable {
  seq: Generated<number>;
  grader_id: string;
  kind: string;
  batch_id: string | null;
  copy_id: string | null;
  scheme_id: string | null;
  created_at: string;
}

export interface ReportsTable {
  id: string;
  copy_id: string;
  grader_id: string;
  kind: string;
  /** JSON array of page numbers. */
  pages: string;
  note: string;
  status: 'open';
  created_at: string;
}

/** Small named values of the server itself, such as the pruned change horizon. */
export interface ServerStateTable {
  key: string;
  value: string;
}

export interface Database {
  graders: GradersTable;
  sittings: SittingsTable;
  sitting_members: SittingMembersTable;
  schemes: SchemesTable;
  batches: BatchesTable;
  copies: CopiesTable;
  grades: GradesTable;
  idempotency_keys: IdempotencyKeysTable;
  logins: LoginsTable;
  refresh_tokens: RefreshTokensTable;
  access_tokens: AccessTokensTable;
  login_failures: LoginFailuresTable;
  changes: ChangesTable;
  reports: ReportsTable;
  server_state: ServerStateTable;
}

export type GraderRow = Selectable<GradersTable>;
export type BatchRow = Selectable<BatchesTable>;
export type CopyRow = Selectable<CopiesTable>;
export type GradeRow = Selectable<GradesTable>;
export type SchemeRow = Selectable<SchemesTable>;
export type NewChange = Insertable<ChangesTable>;
