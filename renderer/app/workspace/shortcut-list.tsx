import { Heading } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { useShortcutText } from '../hooks/use-shortcut-text';
import { SHORTCUTS, type ShortcutId } from '../shortcuts';

const IDS = Object.keys(SHORTCUTS) as ShortcutId[];

/** Lists every shortcut of the workspace with what it does, read from the one table. */
export function ShortcutList() {
  const { t } = useTranslation();
  const shortcutText = useShortcutText();

  return (
    <section className="shortcut-list" aria-labelledby="shortcut-list-title">
      <Heading level={2} id="shortcut-list-title">
        {t('marking.shortcutList.title')}
      </Heading>
      <dl>
        {IDS.map((id) => (
          <div key={id}>
            <dt>
              <kbd>{shortcutText(id)}</kbd>
            </dt>
            <dd>{t(`marking.shortcutList.names.${id}`)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('marking.shortcutList.points')}</p>
      <p className="muted">{t('marking.shortcutList.bank')}</p>
    </section>
  );
}
