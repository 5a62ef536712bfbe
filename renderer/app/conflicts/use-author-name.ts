import { useTranslation } from 'react-i18next';

import { useSession } from '../hooks/use-session';

/**
 * Returns a function that names the author of a server version for the
 * examiner. The API gives only the account id (`updatedBy`), so the
 * examiner's own id reads "you, from another computer" and any other id
 * reads "another account".
 */
export function useAuthorName(): (updatedBy: string) => string {
  const { t } = useTranslation();
  const session = useSession();
  const graderId = session.phase === 'active' ? session.grader.id : null;

  return (updatedBy) =>
    updatedBy === graderId ? t('conflicts.who.self') : t('conflicts.who.other');
}
