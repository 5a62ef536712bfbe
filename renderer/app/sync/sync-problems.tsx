import {
  Button,
  Dialog,
  DialogTrigger,
  Heading,
  Link,
  Popover,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { SyncProblem } from '../../core/sync/sync-backlog';
import { routeHref } from '../hooks/use-route';
import { describeSyncProblem } from './sync-status-text';

/**
 * Renders the status bar's count of sync problems, a button that opens the
 * list of copies concerned, each with what happened and a link to it.
 */
export function SyncProblems(props: {
  problems: SyncProblem[];
  now: Date;
  locale: string;
}) {
  const { t } = useTranslation();

  return (
    <DialogTrigger>
      <Button className="link sync-problems-button">
        {t('sync.problems.button', { count: props.problems.length })}
      </Button>
      <Popover placement="top end" className="react-aria-Popover sync-popover">
        <Dialog className="sync-problems">
          {({ close }) => (
            <>
              <Heading slot="title" level={2}>
                {t('sync.problems.title')}
              </Heading>
              <p className="muted">{t('sync.problems.intro')}</p>
              <ul>
                {props.problems.map((problem) => {
                  const text = describeSyncProblem(
                    problem,
                    props.now,
                    t,
                    props.locale,
                  );
                  return (
                    <li key={problem.copyId} data-reason={problem.reason}>
                      <span className="sync-problem-copy">
                        {problem.batchId === null ? (
                          text.copy
                        ) : (
                          <Link
                            href={routeHref({
                              screen: 'copy',
                              batchId: problem.batchId,
                              copyId: problem.copyId,
                            })}
                            onPress={close}
                          >
                            {text.copy}
                          </Link>
                        )}
                      </span>{' '}
                      <span className="muted">{text.since}</span>
                      <p>{text.reason}</p>
                      {text.serverDetail !== null && (
                        <p className="muted">{text.serverDetail}</p>
                      )}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
