import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Annotation, ReportKind } from '../../../shared/api/schemas';
import { getBatchOverview } from '../../core/assignments/batch-overview';
import {
  arrangeCopies,
  neighbourCopy,
  nextCopyToMark,
  type CopyFilter,
  type CopySort,
} from '../../core/marking/copy-list';
import {
  batchLock,
  canEditGrade,
  checkFinal,
  type GradeLock,
} from '../../core/marking/grade-rules';
import { AnnotationLayer } from '../annotations/annotation-layer';
import { AnnotationToolbar } from '../annotations/annotation-toolbar';
import { useAnnotationEditor } from '../annotations/use-annotation-editor';
import { Alert } from '../components/alert';
import { ShortcutButton } from '../components/shortcut-button';
import { ConflictResolver } from '../conflicts/conflict-resolver';
import { useCopySync } from '../conflicts/use-copy-sync';
import { routeHref } from '../hooks/use-route';
import { PacePanel } from '../reports/pace-panel';
import { useServices } from '../services/app-services';
import { shortcutApplies } from '../shortcuts';
import { CompareSelect } from './compare-select';
import { CopyListPanel } from './copy-list-panel';
import { MarkingPanel, type WorkspaceFinalCheck } from './marking-panel';
import { PagedCopy } from './paged-copy';
import { ScanReportSection } from './scan-report-section';
import { IntegrityFindings } from '../ocr/integrity-findings';
import type { ReportPrefill } from '../../core/ocr/integrity-finding';
import { ShortcutList } from './shortcut-list';
import { useActiveTime } from './use-active-time';
import { useCopyEntries } from './use-copy-entries';
import { useGradeEditor } from './use-grade-editor';

const NO_ANNOTATIONS: readonly Annotation[] = [];

/**
 * Renders the marking workspace: the batch's copies on the left, the scan in the
 * centre, the marking scheme with points, comment and flags on the right.
 * Alt+← and Alt+→ move to the previous and next copy of the list, Alt+N to
 * the next copy not yet final, Ctrl+Enter makes the grade final.
 *
 * The grade editor reads the stored grade when a copy opens. Another
 * writer may replace the stored grade later, as a pull of someone else's
 * version or a resolved conflict does. The workspace is then mounted again
 * so the editor starts from the new grade, because an edit made from the
 * old one would overwrite it.
 */
export function WorkspaceScreen(props: { batchId: string; copyId: string }) {
  const [filter, setFilter] = useState<CopyFilter>('all');
  const [sort, setSort] = useState<CopySort>('code');
  const [reloads, setReloads] = useState(0);

  return (
    <WorkspaceView
      key={reloads}
      batchId={props.batchId}
      copyId={props.copyId}
      filter={filter}
      sort={sort}
      onFilterChange={setFilter}
      onSortChange={setSort}
      reloaded={reloads > 0}
      onGradeReplaced={() => setReloads((count) => count + 1)}
    />
  );
}

function WorkspaceView(props: {
  batchId: string;
  copyId: string;
  filter: CopyFilter;
  sort: CopySort;
  onFilterChange(filter: CopyFilter): void;
  onSortChange(sort: CopySort): void;
  /** True when mounted again after the stored grade changed. */
  reloaded: boolean;
  /** Called when the stored grade changed under the editor. */
  onGradeReplaced(): void;
}) {
  const { t } = useTranslation();
  const { store } = useServices();
  const detail = useLiveQuery(
    () => getBatchOverview(store.db, props.batchId),
    [props.batchId],
  );
  const scheme = detail?.scheme ?? null;
  const entries = useCopyEntries(props.batchId, scheme);
  const { filter, sort } = props;
  const editor = useGradeEditor(props.copyId);
  const sync = useCopySync(props.copyId);
  const conflictVersion = sync?.conflictVersion ?? null;
  const inConflict = conflictVersion !== null;
  useActiveTime(props.copyId);
  const [finalCheck, setFinalCheck] = useState<WorkspaceFinalCheck | null>(
    null,
  );
  // Questions whose field shows text that is not a valid mark: the stored
  // mark differs from the text shown, so the grade cannot be final.
  const invalidFields = useRef(new Set<string>());
  const [reportPrefill, setReportPrefill] = useState<{
    id: number;
    report: ReportPrefill;
  } | null>(null);
  const [reportKind, setReportKind] = useState<ReportKind | 'none' | null>(
    null,
  );

  const [showShortcuts, setShowShortcuts] = useState(false);

  const pageShown = useRef(1);

  const order = useMemo(
    () => arrangeCopies(entries ?? [], filter, sort),
    [entries, filter, sort],
  );
  // The next copy to mark is looked for in the whole batch, whatever the
  // filter shows.
  const everyCopy = useMemo(
    () => arrangeCopies(entries ?? [], 'all', sort),
    [entries, sort],
  );
  const current = entries?.find((entry) => entry.copy.id === props.copyId);
  let lock: GradeLock | null = null;
  if (current?.copy.withdrawnAt != null) {
    lock = 'copy-withdrawn';
  } else if (detail?.batch !== undefined) {
    lock = batchLock(detail.batch, new Date());
  }

  const annotations = useAnnotationEditor({
    copyId: props.copyId,
    annotations: editor.grade?.annotations ?? NO_ANNOTATIONS,
    onChange: (next) => editor.edit({ annotations: next }),
    readOnly:
      editor.grade === null ||
      inConflict ||
      !canEditGrade(lock, editor.grade.status),
  });

  // Every write time the editor has read or saved for this copy. The live
  // query may lag behind the editor's own saves. So a stored time that the
  // editor never had, seen while no save is in flight, means that another
  // writer replaced the grade.
  const editorTimes = useRef({ copyId: '', times: new Set<string | null>() });
  if (editor.gradeCopyId === props.copyId) {
    if (editorTimes.current.copyId !== props.copyId) {
      editorTimes.current = { copyId: props.copyId, times: new Set() };
    }
    editorTimes.current.times.add(editor.savedAt);
  }
  const replaced =
    sync !== undefined &&
    editor.gradeCopyId === props.copyId &&
    editor.saving === 0 &&
    editor.failure === null &&
    !editorTimes.current.times.has(sync.gradeUpdatedAt);
  const onGradeReplaced = useRef(props.onGradeReplaced);
  onGradeReplaced.current = props.onGradeReplaced;
  useEffect(() => {
    if (replaced) {
      onGradeReplaced.current();
    }
  }, [replaced]);

  useEffect(() => {
    setFinalCheck(null);
    setReportKind(null);
    invalidFields.current.clear();
  }, [props.copyId]);

  // Runs once the new copy's grade shows, so its fields exist.
  useEffect(() => {
    if (editor.gradeCopyId === props.copyId && focusPointsNext.current) {
      focusPointsNext.current = false;
      document.querySelector<HTMLInputElement>('.question-list input')?.focus();
    }
  }, [editor.gradeCopyId, props.copyId]);

  // Making a grade final or reopening it swaps the status button; the
  // focus moves to the new one rather than falling back to the page.
  const status = editor.grade?.status;
  useEffect(() => {
    if (status !== undefined && document.activeElement === document.body) {
      document.getElementById('mark-final')?.focus();
    }
  }, [status]);

  const previous = neighbourCopy(order, props.copyId, -1);
  const next = neighbourCopy(order, props.copyId, 1);
  const toMark = nextCopyToMark(everyCopy, props.copyId);
  const position = order.findIndex((entry) => entry.copy.id === props.copyId);

  const navigation = current !== undefined && (
    <div
      className="copy-navigation"
      role="group"
      aria-label={t('marking.nav.label')}
    >
      <ShortcutButton
        shortcut="previousCopy"
        isDisabled={previous === null}
        onPress={() => open(previous)}
      >
        {t('marking.nav.previous')}
      </ShortcutButton>
      <span className="muted">
        {position === -1
          ? t('marking.nav.outsideList')
          : t('marking.nav.position', {
              position: position + 1,
              count: order.length,
            })}
      </span>
      <ShortcutButton
        shortcut="nextCopy"
        isDisabled={next === null}
        onPress={() => open(next)}
      >
        {t('marking.nav.next')}
      </ShortcutButton>
      <ShortcutButton
        shortcut="nextUnmarkedCopy"
        isDisabled={toMark === null}
        onPress={() => open(toMark)}
      >
        {t('marking.nav.nextToMark')}
      </ShortcutButton>
      <ToggleButton isSelected={showShortcuts} onChange={setShowShortcuts}>
        {t('marking.shortcutList.open')}
      </ToggleButton>
      <CompareSelect
        copies={order.filter((entry) => entry.copy.id !== props.copyId)}
        onSelect={(otherId) => {
          window.location.hash = routeHref({
            screen: 'compare',
            batchId: props.batchId,
            copyId: props.copyId,
            otherId,
          });
        }}
      />
    </div>
  );

  const centre = (
    <PagedCopy
      batchId={props.batchId}
      copyId={props.copyId}
      pageRef={pageShown}
      toolbar={<AnnotationToolbar editor={annotations} />}
      renderOverlay={(frame) => (
        <AnnotationLayer frame={frame} editor={annotations} />
      )}
      onReportProblem={() => setReportKind('unreadable-page')}
      navigation={navigation}
    />
  );

  // After a move by keyboard, the focus goes to the new copy's first
  // points field once it shows, so marking goes on without the mouse. The
  // same happens after a new mount, which lost the focus.
  const focusPointsNext = useRef(props.reloaded);

  function open(copyId: string | null, byKeyboard = false) {
    if (copyId !== null) {
      focusPointsNext.current = byKeyboard;
      window.location.hash = routeHref({
        screen: 'copy',
        batchId: props.batchId,
        copyId,
      });
    }
  }

  function markFinal() {
    if (editor.grade === null || scheme === null || inConflict) {
      return;
    }
    const check = checkFinal(scheme, editor.grade.marks);
    const typing = scheme.questions
      .map((question) => question.id)
      .filter((id) => invalidFields.current.has(id));
    if (check.ready && typing.length === 0) {
      setFinalCheck(check);
      editor.edit({ status: 'final' });
    } else {
      setFinalCheck({
        ready: false,
        unmarked: check.ready ? [] : check.unmarked,
        invalid: check.ready ? [] : check.invalid,
        typing,
      });
    }
  }

  function reopen() {
    setFinalCheck(null);
    editor.edit({ status: 'draft' });
  }

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape' && showShortcuts) {
        setShowShortcuts(false);
      } else if (shortcutApplies(event, 'nextCopy')) {
        event.preventDefault();
        open(neighbourCopy(order, props.copyId, 1), true);
      } else if (shortcutApplies(event, 'previousCopy')) {
        event.preventDefault();
        open(neighbourCopy(order, props.copyId, -1), true);
      } else if (shortcutApplies(event, 'nextUnmarkedCopy')) {
        event.preventDefault();
        open(nextCopyToMark(everyCopy, props.copyId), true);
      } else if (shortcutApplies(event, 'markFinal')) {
        event.preventDefault();
        if (editor.grade?.status === 'draft') {
          markFinal();
        }
      } else if (shortcutApplies(event, 'focusPoints')) {
        event.preventDefault();
        document
          .querySelector<HTMLInputElement>('.question-list input')
          ?.focus();
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (detail === undefined || entries === undefined) {
    return <p className="muted">{t('app.loading')}</p>;
  }
  // A copy this batch does not have: the centre column shows why.
  if (detail === null || current === undefined) {
    return <div className="workspace-single">{centre}</div>;
  }

  return (
    <div className={inConflict ? 'workspace has-conflict' : 'workspace'}>
      <CopyListPanel
        batchId={props.batchId}
        copyId={props.copyId}
        entries={order}
        filter={filter}
        sort={sort}
        onFilterChange={props.onFilterChange}
        onSortChange={props.onSortChange}
        pace={<PacePanel batchId={props.batchId} />}
      />

      <div className="workspace-centre">
        {showShortcuts && <ShortcutList />}
        {centre}
      </div>

      {scheme === null && (
        <aside className="marking-panel">
          <Alert tone="warning">{t('marking.noScheme')}</Alert>
        </aside>
      )}
      {scheme !== null && conflictVersion !== null && (
        <ConflictResolver
          copyId={props.copyId}
          scheme={scheme}
          serverVersion={conflictVersion}
        />
      )}
      {scheme !== null && !inConflict && (
        <MarkingPanel
          scheme={scheme}
          editor={editor}
          lock={lock}
          sync={sync}
          finalCheck={finalCheck}
          onMarkFinal={markFinal}
          onFieldValidity={(questionId, invalid) => {
            if (invalid) {
              invalidFields.current.add(questionId);
            } else {
              invalidFields.current.delete(questionId);
            }
          }}
          onReopen={reopen}
          reports={
            <>
              <IntegrityFindings
                copyId={props.copyId}
                pageCount={current.copy.pageCount}
                onReport={(report) => {
                  setReportPrefill((previous) => ({
                    id: (previous?.id ?? 0) + 1,
                    report,
                  }));
                  setReportKind(report.kind);
                }}
              />
              <ScanReportSection
                // A new key remounts the form, so it starts from the prefill.
                key={reportPrefill === null ? 'blank' : reportPrefill.id}
                copyId={props.copyId}
                pageCount={current.copy.pageCount}
                currentPage={pageShown.current}
                openKind={reportKind}
                prefill={reportPrefill?.report ?? null}
                onOpen={() => {
                  setReportPrefill(null);
                  setReportKind('none');
                }}
                onClose={() => {
                  setReportPrefill(null);
                  setReportKind(null);
                }}
              />
            </>
          }
        />
      )}
    </div>
  );
}
