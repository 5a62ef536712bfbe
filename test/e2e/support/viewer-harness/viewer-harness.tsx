/**
 * The viewer harness: a test page, not part of the app, that mounts the
 * real `ScanViewer` on PDF bytes a test passes in, so end-to-end tests can
 * open files the server's import would reject (damaged, encrypted or
 * empty PDFs). `?lang=en` shows it in English; `openTimeout` and
 * `renderTimeout` set the viewer's time limits in milliseconds. The test calls
 * `window.viewerHarness.open(base64)`. The page keeps the current page and
 * rotations as the workspace does, counts scan reports, and draws an
 * overlay that records each page's frame.
 */
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';

import type { Rotation } from '../../../../renderer/core/pages/page-frame';
import { createI18n } from '../../../../renderer/app/i18n/i18n';
import type { UserRotations } from '../../../../renderer/app/viewer/page-layout';
import { ScanViewer } from '../../../../renderer/app/viewer/scan-viewer';
import { useScanDocument } from '../../../../renderer/app/viewer/use-scan-document';
import '../../../../renderer/app/styles/app.css';

export interface ViewerHarnessApi {
  /** Opens the PDF whose bytes `base64` encodes, in place of the last one. */
  open(base64: string): void;
}

declare global {
  interface Window {
    viewerHarness?: ViewerHarnessApi;
  }
}

interface Opened {
  id: number;
  bytes: ArrayBuffer;
}

function decode(base64: string): ArrayBuffer {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) {
    bytes[index] = text.charCodeAt(index);
  }
  return bytes.buffer;
}

/** Returns the number in the page's query parameter `name`, if any. */
function queryNumber(name: string): number | undefined {
  const value = new URLSearchParams(window.location.search).get(name);
  return value === null ? undefined : Number(value);
}

function Harness(props: { opened: Opened }) {
  const { opened } = props;
  const openTimeoutMs = queryNumber('openTimeout');
  const renderTimeoutMs = queryNumber('renderTimeout');
  const [page, setPage] = useState(1);
  const [rotations, setRotations] = useState<UserRotations>({});
  const [reports, setReports] = useState(0);
  const scan = useScanDocument(
    String(opened.id),
    // pdf.js takes the bytes it is given, so each open gets a copy.
    useCallback(async () => opened.bytes.slice(0), [opened]),
    { timeoutMs: openTimeoutMs },
  );

  return (
    <main className="viewer-harness">
      <p role="status" aria-label="Scan reports">
        {reports}
      </p>
      {scan.status === 'missing' ? null : (
        <ScanViewer
          scan={scan}
          page={page}
          onPageChange={setPage}
          userRotations={rotations}
          onRotate={(rotated: number, rotation: Rotation) =>
            setRotations((current) => ({ ...current, [rotated]: rotation }))
          }
          onReportProblem={() => setReports((count) => count + 1)}
          openTimeoutMs={openTimeoutMs}
          renderTimeoutMs={renderTimeoutMs}
          renderOverlay={(frame) => (
            <div
              className="viewer-harness-overlay"
              data-page={frame.page}
              data-rotation={frame.rotation}
              data-width={frame.width}
              data-height={frame.height}
              style={{ width: '100%', height: '100%' }}
            />
          )}
        />
      )}
    </main>
  );
}

async function start(root: HTMLElement): Promise<void> {
  const language =
    new URLSearchParams(window.location.search).get('lang') === 'en'
      ? 'en'
      : 'fr';
  const i18n = await createI18n(language);
  document.documentElement.lang = language;
  const reactRoot = createRoot(root);
  let nextId = 1;

  window.viewerHarness = {
    open(base64) {
      const opened = { id: nextId++, bytes: decode(base64) };
      // A key per file starts each one afresh, at page 1.
      reactRoot.render(
        <StrictMode>
          <I18nextProvider i18n={i18n}>
            <Harness key={opened.id} opened={opened} />
          </I18nextProvider>
        </StrictMode>,
      );
    },
  };
  document.documentElement.dataset.harnessReady = 'true';
}

void start(document.getElementById('root')!);
