import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import {
  Button,
  Dialog,
  Heading,
  Link,
  Modal,
  ModalOverlay,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { CopyOverview } from '../../core/assignments/batch-overview';
import type { BatchRow } from '../../core/store/rows';
import {
  checkBatchSubmission,
  submitBatch,
  type SubmitBlockers,
} from '../../core/sync/submit-batch';
import { Alert } from '../components/alert';
import { routeHref } from '../hooks/use-route';
import { useServices } from '../services/app-services';
import { createRendererLogger } from '../services/renderer-logger';
import { explainSubmitFailure, type SubmitFailure } from './submit-failure';

type Step =
  | { name: 'idle' }
  | { name: 'checking' }
  /** The check found blockers; the list follows the store from then on. */
  | { name: 'blocked' }
  | { name: 'confirm' }
  | { name: 'submitting' }
  | { name: 'done' }
  | { name: 'failed'; failure: SubmitFailure };

/**
 * Renders "Submit the batch": a local check that names the copies that
 * block it, a confirmation since submitting is final, then the request and
 * its outcome. A submitted or closed batch shows its state instead.
 */
export function SubmitBatchPanel(props: {
  batch: BatchRow;
  /** The batch's copies by anonymous code, withdrawn ones included. */
  copies: CopyOverview[];
}) {
  const { t } = useTranslation();
  const services = useServices();
  const { db } = services.store;
  const { batch } = props;
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const logger = useRef(createRendererLogger(services.bridge, 'sync'));

  const blocked = step.name === 'blocked';
  const check = useLiveQuery(
    () => (blocked ? checkBatchSubmission(db, batch.id) : null),
    [blocked, db, batch.id],
  );

  if (batch.status === 'submitted') {
    return (
      <Alert tone="success">
        {step.name === 'done'
          ? t('sync.submit.done')
          : t('sync.submit.submitted')}
      </Alert>
    );
  }
  if (batch.status === 'closed') {
    return <Alert tone="warning">{t('sync.submit.closed')}</Alert>;
  }

  const current = props.copies.filter((c) => c.copy.withdrawnAt === null);

  async function start() {
    setStep({ name: 'checking' });
    try {
      const result = await checkBatchSubmission(db, batch.id);
      setStep(result.ready ? { name: 'confirm' } : { name: 'blocked' });
    } catch (error) {
      logger.current.error('batch submission check failed', {
        batchId: batch.id,
        error: String(error),
      });
      setStep({
        name: 'failed',
        failure: { kind: 'failed', detail: String(error) },
      });
    }
  }

  async function submit() {
    setStep({ name: 'submitting' });
    const api = services.session.getApi();
    if (api === null) {
      setStep({ name: 'failed', failure: { kind: 'sign-in-required' } });
      return;
    }
    try {
      const result = await submitBatch(db, api, batch.id);
      if ('blocked' in result) {
        setStep({ name: 'blocked' });
        return;
      }
      logger.current.info('batch submitted', { batchId: batch.id });
      setStep({ name: 'done' });
    } catch (error) {
      const failure = await explainSubmitFailure(db, batch.id, error);
      logger.current.warn('batch submission failed', {
        batchId: batch.id,
        failure: failure.kind,
        error: String(error),
      });
      // The server's state is ahead of this computer's: a grade changed
      // elsewhere, or the batch closed. A sync brings the change here.
      if (failure.kind === 'missing-final' || failure.kind === 'closed') {
        void services.sync.syncNow();
      }
      setStep({ name: 'failed', failure });
    }
  }

  const busy = step.name === 'checking' || step.name === 'submitting';

  return (
    <section className="submit-panel" aria-labelledby="submit-title">
      <Heading level={2} id="submit-title">
        {t('sync.submit.title')}
      </Heading>
      <p className="muted">{t('sync.submit.intro')}</p>
      <Button className="primary" isPending={busy} onPress={() => void start()}>
        {step.name === 'checking'
          ? t('sync.submit.checking')
          : t('sync.submit.action')}
      </Button>

      {blocked && check != null && (
        <SubmitBlockersMessage
          blockers={check.ready ? null : check}
          batchId={batch.id}
          copies={current}
        />
      )}
      {step.name === 'failed' && (
        <SubmitFailureMessage
          failure={step.failure}
          batchId={batch.id}
          copies={current}
        />
      )}

      <ModalOverlay
        className="react-aria-ModalOverlay submit-overlay"
        isOpen={step.name === 'confirm' || step.name === 'submitting'}
        isDismissable={step.name === 'confirm'}
        onOpenChange={(open) => {
          if (!open) {
            setStep({ name: 'idle' });
          }
        }}
      >
        <Modal className="react-aria-Modal submit-confirm">
          <Dialog role="alertdialog">
            <Heading slot="title" level={2}>
              {t('sync.submit.confirmTitle', { title: batch.title })}
            </Heading>
            <p>{t('sync.submit.confirmText', { count: current.length })}</p>
            <div className="dialog-actions">
              <Button
                isDisabled={step.name === 'submitting'}
                onPress={() => setStep({ name: 'idle' })}
                autoFocus
              >
                {t('sync.submit.cancel')}
              </Button>
              <Button
                className="primary"
                isPending={step.name === 'submitting'}
                onPress={() => void submit()}
              >
                {step.name === 'submitting'
                  ? t('sync.submit.submitting')
                  : t('sync.submit.confirm')}
              </Button>
            </div>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </section>
  );
}

/** Renders the copies that keep the batch from being submitted, or a note that none does. */
function SubmitBlockersMessage(props: {
  blockers: SubmitBlockers | null;
  batchId: string;
  copies: CopyOverview[];
}) {
  const { t } = useTranslation();
  const { sync } = useServices();
  if (props.blockers === null) {
    return <Alert tone="info">{t('sync.submit.ready')}</Alert>;
  }

  const groups = [
    ['notFinal', props.blockers.notFinal],
    ['unsynced', props.blockers.unsynced],
    ['conflicts', props.blockers.conflicts],
  ] as const;
  return (
    <Alert tone="warning">
      <p>{t('sync.submit.blocked')}</p>
      {groups.map(([key, copyIds]) =>
        copyIds.length === 0 ? null : (
          <CopyLinks
            key={key}
            label={t(`sync.submit.${key}`, { count: copyIds.length })}
            copyIds={copyIds}
            batchId={props.batchId}
            copies={props.copies}
          />
        ),
      )}
      {props.blockers.unsynced.length > 0 && (
        <Button className="link" onPress={() => void sync.syncNow()}>
          {t('sync.syncNow')}
        </Button>
      )}
    </Alert>
  );
}

function SubmitFailureMessage(props: {
  failure: SubmitFailure;
  batchId: string;
  copies: CopyOverview[];
}) {
  const { t } = useTranslation();
  const { failure } = props;

  switch (failure.kind) {
    case 'offline':
      return <Alert tone="error">{t('sync.submit.offline')}</Alert>;
    case 'sign-in-required':
      return <Alert tone="error">{t('sync.submit.signInRequired')}</Alert>;
    case 'closed':
      return <Alert tone="error">{t('sync.submit.closedByServer')}</Alert>;
    case 'failed':
      return (
        <Alert tone="error">
          {t('sync.submit.failed', { detail: failure.detail })}
        </Alert>
      );
    case 'missing-final':
      if (failure.copyIds.length === 0) {
        return (
          <Alert tone="error">
            {t('sync.submit.missingFinalUnnamed', { detail: failure.detail })}
          </Alert>
        );
      }
      return (
        <Alert tone="error">
          <CopyLinks
            label={t('sync.submit.missingFinal')}
            copyIds={failure.copyIds}
            batchId={props.batchId}
            copies={props.copies}
          />
        </Alert>
      );
  }
}

/** Renders a label and the anonymous codes of `copyIds`, each linked to its copy, in code order. */
function CopyLinks(props: {
  label: string;
  copyIds: readonly string[];
  batchId: string;
  copies: CopyOverview[];
}) {
  const named = new Set(props.copyIds);
  const listed = props.copies.filter((c) => named.has(c.copy.id));

  return (
    <div className="copy-links">
      <span>{props.label}</span>
      <ul>
        {listed.map(({ copy }) => (
          <li key={copy.id}>
            <Link
              href={routeHref({
                screen: 'copy',
                batchId: props.batchId,
                copyId: copy.id,
              })}
            >
              {copy.anonymousCode}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
