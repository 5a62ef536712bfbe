/**
 * The rows of the local store. Rows holding scan content or marks keep it in
 * an encrypted field (`EncryptedBytes` or `EncryptedBlob`); the other fields
 * stay in clear so they can be indexed and listed without the key.
 */
import type {
  Annotation,
  Batch,
  Copy,
  Flag,
  GradeStatus,
  MarkingScheme,
  ReportKind,
} from '../../../shared/api/schemas';
import type { EncryptedBytes } from '../crypto/record-cipher';
import type { IntegrityFinding } from '../ocr/integrity-finding';

/**
 * An encrypted value whose ciphertext is kept as a `Blob`, so reading the
 * row does not load a whole scan into memory.
 */
export interface EncryptedBlob {
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Blob;
}

export type BatchRow = Batch;

export type SchemeRow = MarkingScheme;

/** Where the download of a copy's current scan stands. */
export type DownloadState = 'missing' | 'partial' | 'stored';

export interface CopyRow extends Copy {
  download: DownloadState;
  /** Revision of the scan in the `scans` table, or null when none is. */
  storedRevision: number | null;
  /** When the server withdrew the copy from the grader, or null. */
  withdrawnAt: string | null;
}

/** The verified scan of one copy, at one revision. */
export interface ScanRow {
  copyId: string;
  revision: number;
  sha256: string;
  size: number;
  contentType: string;
  storedAt: string;
  data: EncryptedBlob;
}

/** The bytes received so far of a download, to resume it with `Range`. */
export interface PartialRow {
  copyId: string;
  sha256: string;
  size: number;
  updatedAt: string;
  data: EncryptedBlob;
}

/** The part of a grade that the examiner edits, stored encrypted. */
export interface GradeContent {
  status: GradeStatus;
  marks: Record<string, number>;
  comment: string;
  flags: Flag[];
  annotations: Annotation[];
}

/** The local working copy of a copy's grade. */
export interface GradeRow {
  copyId: string;
  /**
   * Server version the local edits started from, sent as `If-Match`; null
   * before the first write reaches the server (`If-None-Match: *`).
   */
  baseVersion: number | null;
  /** Time of the last local edit, sent as `clientUpdatedAt`. */
  updatedAt: string;
  /** Number of local edits, so a writer can detect a concurrent edit. */
  editCount: number;
  /**
   * The part of the grade the copy list reads without the key. Absent on
   * rows stored before version 2 of the schema until they are read with
   * the key.
   */
  summary?: GradeSummary;
  /**
   * Set when a change made on the server, such as a supervisor's, replaced
   * the local grade; the examiner is shown it until they dismiss it.
   * Absent on rows stored before version 3 of the schema.
   */
  serverChange?: ServerChangeNotice | null;
  content: EncryptedBytes;
}

/** A grade replaced by a version written by someone else on the server. */
export interface ServerChangeNotice {
  version: number;
  /** Id of the account that wrote it, as the server sent it. */
  updatedBy: string;
  updatedAt: string;
  receivedAt: string;
}

/** The part of a grade kept in clear for lists and filters: no points. */
export interface GradeSummary {
  status: GradeStatus;
  flags: Flag[];
  /** Questions with a mark. */
  markedCount: number;
  annotationCount: number;
  hasComment: boolean;
}

/**
 * A pending push of one copy's grade. There is at most one per copy; see
 * `outbox.ts` for when its idempotency key is kept or replaced.
 */
export interface OutboxRow {
  copyId: string;
  /** Sent as `Idempotency-Key`, the same on every retry of one body. */
  idempotencyKey: string;
  /** When this entry, and so its key, was created. */
  createdAt: string;
  updatedAt: string;
  /** When a request with this key was last sent, or null if never. */
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  /**
   * Set when the server refused this push for a reason a retry cannot fix,
   * so the sync engine skips the entry until the examiner acts. Absent on
   * rows stored before version 3 of the schema, which means not parked.
   */
  parked?: OutboxParking | null;
  /**
   * True when this entry replaced one that was sent without a response
   * acted on, so that earlier body may be on the server already under this
   * grader's name. A 412 showing this grader's own write is then not a
   * conflict.
   */
  afterUnconfirmedSend?: boolean;
}

/**
 * Why a push is parked: `conflict` (412, the grade changed on the server;
 * see the `conflicts` table), `invalid` (422, the server rejected a mark),
 * `locked` (423, the batch is submitted, closed or past its deadline),
 * `withdrawn` (404, the copy is no longer assigned) or `rejected` (another
 * 4xx, which points at a client fault).
 */
export type ParkReason =
  'conflict' | 'invalid' | 'locked' | 'withdrawn' | 'rejected';

export interface OutboxParking {
  reason: ParkReason;
  /** HTTP status of the response that parked the entry. */
  status: number;
  /** The problem details' `detail`, as the server wrote it. */
  detail: string;
  parkedAt: string;
}

/**
 * A copy whose grade changed on the server while the examiner had edits
 * that were not synced. The local grade stays in `grades`, the server's
 * here, until the examiner chooses.
 */
export interface ConflictRow {
  copyId: string;
  serverVersion: number;
  /** The server's `ServerGradeContent`, encrypted. */
  server: EncryptedBytes;
  /** `push`: a write returned 412. `pull`: a change came from the feed. */
  source: 'push' | 'pull';
  detectedAt: string;
}

/** The server's version of a grade, as kept in a conflict. */
export interface ServerGradeContent extends GradeContent {
  updatedAt: string;
  updatedBy: string;
}

/**
 * The part of a page that an OCR reading covers: the header band only, read
 * for the integrity checks, or the whole page, which includes the band.
 */
export type OcrScope = 'header' | 'page';

/**
 * OCR reading of one page of one scan revision (`OcrReading`), stored
 * encrypted because it is the candidate's text. A whole-page reading
 * replaces a header-band reading of the same page.
 */
export interface OcrRow {
  copyId: string;
  /** Page number, counted from 1. */
  page: number;
  revision: number;
  batchId: string;
  scope: OcrScope;
  createdAt: string;
  result: EncryptedBytes;
}

/**
 * The page-integrity findings of one scan revision of a copy. They are kept
 * in clear, like the grade summary, so the badges of a batch list without
 * the key: they hold finding kinds, page numbers and anonymous codes, and
 * no text written by the candidate.
 */
export interface OcrCheckRow {
  copyId: string;
  revision: number;
  batchId: string;
  checkedAt: string;
  /**
   * Key of the header layout the checks used (`headerLayoutKey`). Absent
   * on rows stored before layouts came from the server, which were all
   * checked with the default layout.
   */
  layoutKey?: string;
  findings: IntegrityFinding[];
}

/** The examiner's own rotation of pages of one copy, kept on this computer. */
export interface PageViewRow {
  copyId: string;
  /** Clockwise degrees (0, 90, 180 or 270) by page number; absent is 0. */
  rotations: Record<number, number>;
}

/**
 * The state of a scan report: waiting to be sent, accepted by the server,
 * or rejected by it for good (the copy is not assigned any more, or the
 * server found the report invalid). A rejected report is kept so the
 * examiner sees why.
 */
export type ReportState = 'pending' | 'sent' | 'rejected';

/** The server's reason for rejecting a scan report. */
export interface ReportRejection {
  /** HTTP status of the response, such as 404 or 422. */
  status: number;
  /** The problem details' `detail`, as the server wrote it. */
  detail: string;
  rejectedAt: string;
}

/**
 * A report of a scan problem. Sent and rejected reports are kept too, so
 * the copy lists every report filed on this computer.
 */
export interface ReportRow {
  /** Local id, made when the examiner files the report. */
  id: string;
  copyId: string;
  kind: ReportKind;
  /** Page numbers, counted from 1, sorted and without repeats. */
  pages: number[];
  // NOTE: the note is stored in clear, unlike grades, though a report of a
  // scan that is not anonymous may quote the candidate's name.
  note: string;
  createdAt: string;
  state: ReportState;
  attempts: number;
  /** Why the last attempt failed, or null. */
  lastError: string | null;
  /** Id the server gave the report once sent, or null. */
  serverId: string | null;
  sentAt: string | null;
  /** Set when `state` is `rejected`, otherwise null. */
  rejection: ReportRejection | null;
}

/** A comment the examiner saved to insert again. */
export interface CommentBankRow {
  id: string;
  text: string;
  createdAt: string;
}

/** Time the examiner spent on one copy, for their own pace figures. */
export interface MarkingTimeRow {
  copyId: string;
  batchId: string;
  /** Time with the copy open and the examiner active, milliseconds. */
  activeMs: number;
  firstOpenedAt: string;
  lastActiveAt: string;
}

/** A sync cursor or a setting. */
export interface KeyValueRow {
  key: string;
  value: unknown;
}
