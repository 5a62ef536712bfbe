/**
 * Grading API version 1: every request and response body, written once.
 *
 * The server validates requests and serialises responses with these JSON
 * Schemas and publishes them in its OpenAPI document; the client derives its
 * TypeScript types from them with `Static`.
 */
import Type, { type Static } from 'typebox';

export const API_PREFIX = '/api/v1';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Timestamp = Type.String({
  format: 'date-time',
  description: 'RFC 3339 time in UTC',
});
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

// Authentication

export const LoginRequest = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    deviceName: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { $id: 'LoginRequest', additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const RefreshRequest = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 1000 }) },
  { $id: 'RefreshRequest', additionalProperties: false },
);
export type RefreshRequest = Static<typeof RefreshRequest>;

export const Grader = Type.Object(
  { id: Id, displayName: Type.String() },
  { $id: 'Grader' },
);
export type Grader = Static<typeof Grader>;

export const TokenResponse = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    expiresIn: Type.Integer({ description: 'access token lifetime, seconds' }),
    grader: Grader,
  },
  { $id: 'TokenResponse' },
);
export type TokenResponse = Static<typeof TokenResponse>;

// What a grader is assigned

export const Question = Type.Object(
  {
    id: Id,
    label: Type.String(),
    maxPoints: Type.Number({ exclusiveMinimum: 0 }),
    step: Type.Number({ exclusiveMinimum: 0 }),
  },
  { $id: 'Question' },
);
export type Question = Static<typeof Question>;

export const MarkingScheme = Type.Object(
  {
    id: Id,
    version: Type.Integer({ minimum: 1 }),
    title: Type.String(),
    questions: Type.Array(Question),
    totalPoints: Type.Number(),
  },
  { $id: 'MarkingScheme' },
);
export type MarkingScheme = Static<typeof MarkingScheme>;

export const BATCH_STATUSES = ['open', 'submitted', 'closed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** A box on the page, each edge in page-relative units from 0 to 1. */
const PageBox = Type.Object({
  left: Type.Number(),
  top: Type.Number(),
  right: Type.Number(),
  bottom: Type.Number(),
});

export const HeaderLayout = Type.Object(
  {
    band: PageBox,
    anonymousCodePattern: Type.String(),
    pageCountPattern: Type.String(),
    pageNumberPattern: Type.String(),
    labelPattern: Type.String(),
  },
  {
    $id: 'HeaderLayout',
    description:
      "Where the printed header band of a sitting's answer sheets sits, and the regular expressions (JavaScript syntax, matched without regard to case) that read the anonymous code, the declared page count and the page numbering in it",
  },
);
export type HeaderLayout = Static<typeof HeaderLayout>;

export const Batch = Type.Object(
  {
    id: Id,
    sessionId: Id,
    subject: Type.String(),
    title: Type.String(),
    deadline: Timestamp,
    status: Type.Enum(BATCH_STATUSES),
    schemeId: Id,
    copyCount: Type.Integer({ minimum: 0 }),
    // Absent when the sitting uses the usual French answer sheet. Clients
    // that predate the field ignore it.
    headerLayout: Type.Optional(HeaderLayout),
  },
  { $id: 'Batch' },
);
export type Batch = Static<typeof Batch>;

export const Copy = Type.Object(
  {
    id: Id,
    batchId: Id,
    anonymousCode: Type.String(),
    pageCount: Type.Integer({ minimum: 1 }),
    scan: Type.Object({
      sha256: Sha256,
      size: Type.Integer({ minimum: 1 }),
      contentType: Type.String(),
    }),
    revision: Type.Integer({ minimum: 1 }),
  },
  { $id: 'Copy' },
);
export type Copy = Static<typeof Copy>;

export const AssignmentsResponse = Type.Object(
  {
    batches: Type.Array(Batch),
    schemes: Type.Array(MarkingScheme),
    cursor: Type.String(),
  },
  { $id: 'AssignmentsResponse' },
);
export type AssignmentsResponse = Static<typeof AssignmentsResponse>;

export const BatchDetail = Type.Object(
  { batch: Batch, copies: Type.Array(Copy), scheme: MarkingScheme },
  { $id: 'BatchDetail' },
);
export type BatchDetail = Static<typeof BatchDetail>;

// Changes

export const CHANGE_KINDS = [
  'batch-assigned',
  'batch-updated',
  'batch-withdrawn',
  'copy-added',
  'copy-withdrawn',
  'copy-rescanned',
  'scheme-updated',
  'grade-changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const Change = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    kind: Type.Enum(CHANGE_KINDS),
    batchId: Type.Optional(Id),
    copyId: Type.Optional(Id),
    schemeId: Type.Optional(Id),
  },
  { $id: 'Change' },
);
export type Change = Static<typeof Change>;

export const ChangesQuery = Type.Object(
  { since: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
);

export const ChangesResponse = Type.Object(
  { changes: Type.Array(Change), cursor: Type.String(), more: Type.Boolean() },
  { $id: 'ChangesResponse' },
);
export type ChangesResponse = Static<typeof ChangesResponse>;

// Grades

export const FLAGS = [
  'blank-page',
  'missing-page',
  'illegible',
  'suspected-fraud',
  'wrong-subject',
  'other',
] as const;
export type Flag = (typeof FLAGS)[number];

export const GRADE_STATUSES = ['draft', 'final'] as const;
export type GradeStatus = (typeof GRADE_STATUSES)[number];

/** Limits that keep one grade a reasonable size for storage and sync. */
export const GRADE_LIMITS = {
  commentLength: 20_000,
  annotations: 2_000,
  annotationTextLength: 5_000,
  geometryLength: 20_000,
} as const;

export const Annotation = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 100 }),
    page: Type.Integer({ minimum: 1 }),
    kind: Type.String({ minLength: 1, maxLength: 50 }),
    geometry: Type.Unknown({
      description:
        'shape in page-relative units, 0 to 1 on each axis of the unrotated page',
    }),
    text: Type.Optional(
      Type.String({ maxLength: GRADE_LIMITS.annotationTextLength }),
    ),
    color: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { $id: 'Annotation', additionalProperties: false },
);
export type Annotation = Static<typeof Annotation>;

const Marks = Type.Record(
  Type.String({ minLength: 1, maxLength: 200 }),
  Type.Number(),
  {
    description: 'points per question id',
  },
);

export const GradeWrite = Type.Object(
  {
    status: Type.Enum(GRADE_STATUSES),
    marks: Marks,
    comment: Type.String({ maxLength: GRADE_LIMITS.commentLength }),
    flags: Type.Array(Type.Enum(FLAGS), {
      uniqueItems: true,
    }),
    annotations: Type.Array(Annotation, {
      maxItems: GRADE_LIMITS.annotations,
    }),
    clientUpdatedAt: Timestamp,
  },
  { $id: 'GradeWrite', additionalProperties: false },
);
export type GradeWrite = Static<typeof GradeWrite>;

export const Grade = Type.Object(
  {
    copyId: Id,
    version: Type.Integer({ minimum: 1 }),
    status: Type.Enum(GRADE_STATUSES),
    marks: Marks,
    comment: Type.String(),
    flags: Type.Array(Type.Enum(FLAGS)),
    annotations: Type.Array(Annotation),
    updatedAt: Timestamp,
    updatedBy: Id,
  },
  { $id: 'Grade' },
);
export type Grade = Static<typeof Grade>;

// Reports

export const REPORT_KINDS = [
  'missing-page',
  'unreadable-page',
  'wrong-copy',
  'not-anonymous',
  'other',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const ReportRequest = Type.Object(
  {
    // The route checks the kind rather than the schema, because the API
    // returns 422 for an unknown kind, not 400.
    kind: Type.String({ minLength: 1, maxLength: 50 }),
    pages: Type.Array(Type.Integer(), { maxItems: 1000, uniqueItems: true }),
    note: Type.String({ maxLength: 5000 }),
  },
  { $id: 'ReportRequest', additionalProperties: false },
);
export type ReportRequest = Static<typeof ReportRequest>;

export const Report = Type.Object(
  {
    id: Id,
    copyId: Id,
    kind: Type.Enum(REPORT_KINDS),
    pages: Type.Array(Type.Integer({ minimum: 1 })),
    note: Type.String(),
    status: Type.Literal('open'),
    createdAt: Timestamp,
  },
  { $id: 'Report' },
);
export type Report = Static<typeof Report>;

// Errors

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
  },
  {
    $id: 'Problem',
    additionalProperties: true,
    description: 'RFC 9457 problem details',
  },
);
export type Problem = Static<typeof Problem>;

/** Every named schema, for registration with the server and OpenAPI. */
export const NAMED_SCHEMAS = [
  LoginRequest,
  RefreshRequest,
  Grader,
  TokenResponse,
  Question,
  MarkingScheme,
  HeaderLayout,
  Batch,
  Copy,
  AssignmentsResponse,
  BatchDetail,
  Change,
  ChangesResponse,
  Annotation,
  GradeWrite,
  Grade,
  ReportRequest,
  Report,
  Problem,
];

/**
 * The `type` URIs of the problems the server returns, so a client can act on
 * the kind of failure without parsing `detail`.
 */
export const PROBLEM_TYPES = {
  badRequest: 'urn:copydesk:problem:bad-request',
  unauthorized: 'urn:copydesk:problem:unauthorized',
  notFound: 'urn:copydesk:problem:not-found',
  conflict: 'urn:copydesk:problem:conflict',
  gone: 'urn:copydesk:problem:gone',
  versionMismatch: 'urn:copydesk:problem:version-mismatch',
  preconditionRequired: 'urn:copydesk:problem:precondition-required',
  invalidGrade: 'urn:copydesk:problem:invalid-grade',
  invalidReport: 'urn:copydesk:problem:invalid-report',
  idempotencyKeyReused: 'urn:copydesk:problem:idempotency-key-reused',
  locked: 'urn:copydesk:problem:locked',
  tooManyRequests: 'urn:copydesk:problem:too-many-requests',
  payloadTooLarge: 'urn:copydesk:problem:payload-too-large',
  unsupportedMediaType: 'urn:copydesk:problem:unsupported-media-type',
  rangeNotSatisfiable: 'urn:copydesk:problem:range-not-satisfiable',
  internal: 'urn:copydesk:problem:internal',
} as const;
