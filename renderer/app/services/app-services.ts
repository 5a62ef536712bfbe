/**
 * Everything the screens use, built once at start from the bridge: the
 * local store with its encryption key, the session, the downloads and the
 * i18next instance. `ServicesContext` hands them to the React tree.
 */
import { createContext, useContext } from 'react';
import type { i18n } from 'i18next';

import type { CopydeskBridge, Language } from '../../../shared/ipc/contract';
import { BrowserKeyProvider } from '../../core/crypto/browser-key-provider';
import {
  createImportedKeyProvider,
  type KeyProvider,
} from '../../core/crypto/key-provider';
import {
  createLocalStore,
  type LocalStore,
} from '../../core/store/local-store';
import { ReportSender } from '../../core/reports/report-sender';
import { SyncEngine } from '../../core/sync/sync-engine';
import { createI18n, DEFAULT_LANGUAGE } from '../i18n/i18n';
import { DownloadManager } from './download-manager';
import { createRendererLogger } from './renderer-logger';
import { Session } from './session';
import { startOcrService, type OcrService } from '../ocr/ocr-service';

export interface AppServices {
  bridge: CopydeskBridge;
  store: LocalStore;
  session: Session;
  downloads: DownloadManager;
  /** Pushes the outbox and pulls the server's changes, in the background. */
  sync: SyncEngine;
  /** OCR of stored scans in the background, and its results. */
  ocr: OcrService;
  /** Sends the scan reports waiting in the store; call it after filing one. */
  sendReports: () => Promise<void>;
  i18n: i18n;
  /** True when the policy fixes the language. */
  languageLocked: boolean;
}

/**
 * The storage key from the main process's vault; in the browser build,
 * where the vault has none, a non-extractable key kept in IndexedDB.
 */
async function createKeyProvider(bridge: CopydeskBridge): Promise<KeyProvider> {
  const base64 = await bridge.vault.getStorageKey();
  if (base64 === null) {
    return new BrowserKeyProvider();
  }
  return createImportedKeyProvider(async () =>
    Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)),
  );
}

/**
 * Chooses the policy's language, else the examiner's choice, else French,
 * the language of the exams, whatever the system's language.
 */
function chooseLanguage(
  managed: Language | undefined,
  user: Language | undefined,
): Language {
  return managed ?? user ?? DEFAULT_LANGUAGE;
}

export async function createAppServices(
  bridge: CopydeskBridge,
  reload: () => void,
): Promise<AppServices> {
  const [managed, user, info] = await Promise.all([
    bridge.config.get(),
    bridge.settings.get(),
    bridge.app.getInfo(),
  ]);

  const i18nInstance = await createI18n(
    chooseLanguage(managed.language, user.language),
  );
  const store = createLocalStore(await createKeyProvider(bridge));
  const storeLogger = createRendererLogger(bridge, 'store');
  // Grades stored before their clear summary existed get one now, so the
  // copy list shows their state; the screens do not wait for it.
  void store.grades
    .addMissingSummaries()
    .then((filled) => {
      if (filled > 0) {
        storeLogger.info('grade summaries added', { filled });
      }
    })
    .catch((error: unknown) =>
      storeLogger.error('grade summaries failed', { error: String(error) }),
    );
  const session = new Session({
    bridge,
    db: store.db,
    logger: createRendererLogger(bridge, 'session'),
    deviceName: `Copydesk ${info.version} (${info.platform})`,
    reload,
  });
  const downloads = new DownloadManager({
    getApi: () => session.getApi(),
    store: store.scans,
    logger: createRendererLogger(bridge, 'download'),
    onReachabilityChange: (offline) => {
      if (offline) {
        session.reportOffline();
      } else {
        void session.refresh();
      }
    },
  });

  const reportLogger = createRendererLogger(bridge, 'reports');
  const reports = new ReportSender({
    db: store.db,
    getApi: () => session.getApi(),
    logger: reportLogger,
  });

  // Sends the scan reports waiting in the store. A run that finds no
  // server marks the app offline, so the next successful refresh sends
  // them again.
  const sendReports = async () => {
    try {
      const result = await reports.flush();
      if (result.stoppedBy === 'offline') {
        session.reportOffline();
      } else if (result.stoppedBy === 'sign-in-required') {
        void session.refresh();
      }
    } catch (error) {
      reportLogger.error('sending scan reports failed', {
        error: String(error),
      });
    }
  };

  const sync = new SyncEngine({
    db: store.db,
    grades: store.grades,
    serverGrades: store.serverGrades,
    getApi: () => session.getApi(),
    getGraderId: () => {
      const state = session.getState();
      return state.phase === 'active' ? state.grader.id : null;
    },
    logger: createRendererLogger(bridge, 'sync'),
    onRun: (result) => {
      if (result.stoppedBy === 'offline') {
        session.reportOffline();
      } else if (result.stoppedBy === 'sign-in-required') {
        void session.refresh();
      } else if (result.stoppedBy === null) {
        session.reportReachable();
        void downloadNewScans(result.pull?.batchesWithNewScans ?? []);
      }
    },
  });

  // Copies added or rescanned in a batch the examiner downloaded are
  // downloaded too; a batch never downloaded waits for the examiner.
  const downloadNewScans = async (batchIds: readonly string[]) => {
    for (const batchId of batchIds) {
      const stored = await store.db.copies
        .where('batchId')
        .equals(batchId)
        .filter((copy) => copy.download === 'stored')
        .count();
      if (stored > 0) {
        downloads.start(batchId);
      }
    }
  };

  // Scan reports filed offline go out each time the connection comes back,
  // and the sync engine runs while someone is signed in.
  let wasOnline = false;
  session.subscribe(() => {
    const state = session.getState();
    if (state.phase === 'signed-out') {
      downloads.reset();
    }
    if (state.phase === 'active') {
      void sync.start();
    } else {
      sync.stop();
    }

    const online = state.phase === 'active' && state.connection === 'online';
    if (online && !wasOnline) {
      void sendReports();
      sync.requestSync('network');
    }
    wasOnline = online;
  });

  const ocr = startOcrService(store, createRendererLogger(bridge, 'ocr'));

  return {
    bridge,
    store,
    session,
    downloads,
    ocr,
    sync,
    sendReports,
    i18n: i18nInstance,
    languageLocked: managed.language !== undefined,
  };
}

export const ServicesContext = createContext<AppServices | null>(null);

/** Returns the app's services; throws outside `ServicesContext`. */
export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (services === null) {
    throw new Error('useServices() called outside <ServicesContext>');
  }
  return services;
}
