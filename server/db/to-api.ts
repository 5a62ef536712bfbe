/**
 * Conversions from database rows to the API's objects.
 */
import type {
  Annotation,
  Batch,
  Copy,
  Flag,
  Grade,
  HeaderLayout,
  MarkingScheme,
  Question,
} from '../../shared/api/schemas';
import { fromHundredths } from '../../shared/points';
import type { BatchRow, CopyRow, GradeRow, SchemeRow } from './tables';

export function schemeToApi(row: SchemeRow): MarkingScheme {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    questions: JSON.parse(row.questions) as Question[],
    totalPoints: fromHundredths(row.total_hundredths),
  };
}

/**
 * Builds the API's batch. `headerLayout` is the sitting's `header_layout`
 * column: JSON text, or null to leave the field out.
 */
export function batchToApi(
  row: BatchRow,
  sessionId: string,
  copyCount: number,
  headerLayout: string | null = null,
): Batch {
  const batch: Batch = {
    id: row.id,
    sessionId,
    subject: row.subject,
    title: row.title,
    deadline: row.deadline,
    status: row.status,
    schemeId: row.scheme_id,
    copyCount,
  };
  if (headerLayout !== null) {
    batch.headerLayout = JSON.parse(headerLayout) as HeaderLayout;
  }
  return batch;
}

export function copyToApi(row: CopyRow): Copy {
  return {
    id: row.id,
    batchId: row.batch_id,
    anonymousCode: row.anonymous_code,
    pageCount: row.page_count,
    scan: {
      sha256: row.sha256,
      // PostgreSQL returns bigint columns as strings.
      size: Number(row.size),
      contentType: row.content_type,
    },
    revision: row.revision,
  };
}

export function gradeToApi(row: GradeRow): Grade {
  return {
    copyId: row.copy_id,
    version: row.version,
    status: row.status,
    marks: JSON.parse(row.marks) as Record<string, number>,
    comment: row.comment,
    flags: JSON.parse(row.flags) as Flag[],
    annotations: JSON.parse(row.annotations) as Annotation[],
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}
