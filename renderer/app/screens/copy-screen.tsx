import { useEffect, useRef, useState } from 'react';
import { Button, Heading, Link } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';

import { Alert } from '../components/alert';
import { routeHref } from '../hooks/use-route';
import { useServices } from '../services/app-services';

const PAGE_WIDTH = 820;

/** pdf.js is loaded when the first copy opens, so the app starts faster. */
const loadViewer = () => import('../viewer/pdf-document');

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'failed'; detail: string }
  | { status: 'ready'; document: PDFDocumentProxy };

/**
 * Opens one copy's scan from the local store, decrypted in memory, and
 * shows it a page at a time. Page Up and Page Down turn the pages.
 */
export function CopyScreen(props: { batchId: string; copyId: string }) {
  const { t } = useTranslation();
  const { store } = useServices();
  // `null` is a copy this batch does not have; `undefined` is loading.
  const copy = useLiveQuery(async () => {
    const row = await store.db.copies.get(props.copyId);
    return row !== undefined && row.batchId === props.batchId ? row : null;
  }, [props.copyId, props.batchId]);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [page, setPage] = useState(1);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    setLoaded({ status: 'loading' });
    setPage(1);

    store.scans
      .loadScan(props.copyId)
      .then(async (blob) => {
        if (blob === null) {
          return { status: 'missing' } as const;
        }
        const { openPdf } = await loadViewer();
        opened = await openPdf(await blob.arrayBuffer());
        return { status: 'ready', document: opened } as const;
      })
      .catch((error: unknown) => ({
        status: 'failed' as const,
        detail: error instanceof Error ? error.message : String(error),
      }))
      .then((result) => {
        if (!cancelled) {
          setLoaded(result);
        }
      });

    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [store, props.copyId]);

  const pageCount = loaded.status === 'ready' ? loaded.document.numPages : 0;

  // pdf.js draws one page at a time into a canvas, so a page turn cancels
  // the drawing under way and waits for it to stop before drawing the next.
  const drawing = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (loaded.status !== 'ready' || canvas.current === null) {
      return;
    }
    const target = canvas.current;
    const controller = new AbortController();
    const previous = drawing.current;

    drawing.current = previous
      .then(() => loadViewer())
      .then(({ renderPage }) =>
        renderPage(
          loaded.document,
          page,
          target,
          // A narrow window gets a narrower page rather than a scroll bar.
          Math.min(PAGE_WIDTH, target.parentElement?.clientWidth ?? PAGE_WIDTH),
          controller.signal,
        ),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setLoaded({ status: 'failed', detail: String(error) });
        }
      });

    return () => controller.abort();
  }, [loaded, page]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      // The keys turn pages instead of scrolling the window.
      if (event.key === 'PageDown') {
        event.preventDefault();
        setPage((current) => Math.min(current + 1, pageCount));
      } else if (event.key === 'PageUp') {
        event.preventDefault();
        setPage((current) => Math.max(current - 1, 1));
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pageCount]);

  return (
    <section aria-labelledby="copy-title">
      <Link
        className="back-link"
        href={routeHref({ screen: 'batch', batchId: props.batchId })}
      >
        {t('copy.back')}
      </Link>
      <Heading level={1} id="copy-title">
        {t('copy.title', { code: copy?.anonymousCode ?? '' })}
      </Heading>

      {copy === null && <Alert tone="error">{t('copy.notFound')}</Alert>}
      {copy !== null && loaded.status === 'missing' && (
        <Alert tone="warning">{t('copy.notStored')}</Alert>
      )}
      {loaded.status === 'failed' && (
        <Alert tone="error">
          {t('copy.unreadable', { detail: loaded.detail })}
        </Alert>
      )}
      {copy !== null && loaded.status === 'ready' && (
        <>
          <div className="page-bar">
            <Button
              aria-keyshortcuts="PageUp"
              isDisabled={page <= 1}
              onPress={() => setPage(page - 1)}
            >
              {t('copy.previous')}
            </Button>
            <span role="status">
              {t('copy.page', { page, count: pageCount })}
            </span>
            <Button
              aria-keyshortcuts="PageDown"
              isDisabled={page >= pageCount}
              onPress={() => setPage(page + 1)}
            >
              {t('copy.next')}
            </Button>
          </div>
          <canvas
            ref={canvas}
            className="page-canvas"
            aria-label={t('copy.page', { page, count: pageCount })}
          />
        </>
      )}
    </section>
  );
}
