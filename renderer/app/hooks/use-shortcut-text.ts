import { useTranslation } from 'react-i18next';

import { describeShortcut, type KeyNames, type ShortcutId } from '../shortcuts';

/**
 * Returns a function that writes a shortcut as the examiner reads it in a
 * tooltip, with key names in the app's language: "Ctrl+Z", "Maj+R".
 */
export function useShortcutText(): (id: ShortcutId) => string {
  const { t } = useTranslation();
  const names: KeyNames = {
    ctrl: t('marking.keys.ctrl'),
    alt: t('marking.keys.alt'),
    shift: t('marking.keys.shift'),
    named: {
      PageUp: t('marking.keys.PageUp'),
      PageDown: t('marking.keys.PageDown'),
      ArrowLeft: t('marking.keys.ArrowLeft'),
      ArrowRight: t('marking.keys.ArrowRight'),
      Delete: t('marking.keys.Delete'),
      Enter: t('marking.keys.Enter'),
    },
  };
  return (id) => describeShortcut(id, names);
}
