import { useEffect, useRef, useState } from 'react';
import { Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { MarkingScheme } from '../../../shared/api/schemas';
import { Alert } from '../components/alert';
import { ConflictChoiceForm } from './conflict-choice-form';
import { useGradeConflict } from './use-grade-conflict';

/**
 * Renders the choice between the two versions of a grade in conflict, in
 * the workspace's right column in place of the marking panel, so the scan
 * stays in view. When the server's version changes while it is shown, a
 * notice tells so, and the new versions show with every choice cleared.
 */
export function ConflictResolver(props: {
  copyId: string;
  scheme: MarkingScheme;
  /** The server version in conflict, from the store's live query. */
  serverVersion: number;
}) {
  const { t } = useTranslation();
  const state = useGradeConflict(props.copyId, props.serverVersion);
  const heading = useRef<HTMLHeadingElement>(null);

  // The first version shown for this copy, to tell when it changes.
  const [shown, setShown] = useState({ copyId: '', version: 0 });
  const [changed, setChanged] = useState(false);
  if (state.kind === 'ready') {
    const { serverVersion } = state.conflict;
    if (shown.copyId !== props.copyId) {
      setShown({ copyId: props.copyId, version: serverVersion });
      setChanged(false);
    } else if (shown.version !== serverVersion) {
      setShown({ copyId: props.copyId, version: serverVersion });
      setChanged(true);
    }
  }

  // The resolver replaces the points fields, which may have had the focus:
  // it goes to the heading rather than being lost.
  useEffect(() => {
    if (document.activeElement === document.body) {
      heading.current?.focus();
    }
  }, [props.copyId]);

  return (
    <aside
      className="marking-panel conflict-resolver"
      aria-labelledby="conflict-title"
    >
      <Heading level={2} id="conflict-title" ref={heading} tabIndex={-1}>
        {t('conflicts.resolver.title')}
      </Heading>
      <Alert tone="warning">{t('conflicts.resolver.intro')}</Alert>
      {changed && <Alert tone="info">{t('conflicts.resolver.changed')}</Alert>}

      {state.kind === 'loading' && <p className="muted">{t('app.loading')}</p>}
      {state.kind === 'failed' && (
        <Alert tone="error">
          {t('conflicts.resolver.readFailed', { detail: state.detail })}
        </Alert>
      )}
      {state.kind === 'ready' && (
        <ConflictChoiceForm
          key={`${props.copyId}@${state.conflict.serverVersion}`}
          copyId={props.copyId}
          scheme={props.scheme}
          conflict={state.conflict}
          local={state.local}
          onConflictChanged={() => setChanged(true)}
        />
      )}
    </aside>
  );
}
