/**
 * Texts of the marking workspace: points, comment, flags, status, the copy
 * list and moving through the batch. French first; the English object must
 * have the same keys, which the type checker enforces.
 */
import type { ShortcutId } from '../../shortcuts';
import type { DeepStrings } from '../message-shape';

export const markingFr = {
  title: 'Notation',
  bounds: 'sur {{max}}, pas de {{step}}',
  problem: {
    'not-a-number':
      '« {{value}} » n’est pas un nombre de points : tapez par exemple 2,5. La note enregistrée reste {{stored}}.',
    'out-of-range':
      '{{value}} dépasse le maximum de {{max}} points de cette question. La note enregistrée reste {{stored}}.',
    'not-a-step':
      '{{value}} n’est pas un multiple de {{step}} : utilisez + et - pour avancer d’un pas. La note enregistrée reste {{stored}}.',
  },
  noStoredMark: 'vide',
  locked: {
    submitted: 'Ce lot est remis : les notes ne peuvent plus être modifiées.',
    closed: 'Ce lot est clos : les notes ne peuvent plus être modifiées.',
    'deadline-passed':
      'La date limite de ce lot est passée : le serveur n’accepte plus de modification. Contactez votre chef de jury.',
    'copy-withdrawn':
      'Cette copie vous a été retirée : sa note est conservée sur cet ordinateur mais ne peut plus être modifiée.',
  },
  finalNotice: 'Note finale. Rouvrez-la pour la modifier.',
  total: 'Total : {{total}} / {{max}}',
  comment: 'Appréciation générale',
  commentTooLong:
    'L’appréciation fait {{length, number}} caractères : la limite est {{max, number}}. Raccourcissez-la ; la version enregistrée reste la précédente.',
  flags: 'Anomalies',
  flag: {
    'blank-page': 'Page blanche',
    'missing-page': 'Page manquante',
    illegible: 'Illisible',
    'suspected-fraud': 'Suspicion de fraude',
    'wrong-subject': 'Mauvais sujet',
    other: 'Autre',
  },
  unmarkedLeft: 'Pour passer la note en finale, notez d’abord : {{questions}}.',
  invalidStored:
    '{{question}} : {{points}} points ne respectent plus le barème ; corrigez cette note.',
  invalidTyped:
    'Corrigez d’abord les notes signalées en rouge ({{questions}}) : la note finale reprend ce qui est affiché.',
  markFinal: 'Passer en note finale',
  reopen: 'Rouvrir la note',
  save: {
    saving: 'Enregistrement…',
    nothingYet: 'Aucune note saisie pour cette copie.',
    saved: 'Enregistré sur cet ordinateur à {{time}}.',
    storageFull:
      'Espace disque insuffisant : la dernière modification n’a pas été enregistrée, les précédentes sont conservées. Libérez de l’espace puis refaites-la.',
    failed:
      'La dernière modification n’a pas pu être enregistrée ({{detail}}). Les précédentes sont conservées ; refaites-la.',
  },
  bank: {
    title: 'Commentaires enregistrés',
    save: 'Ajouter aux commentaires enregistrés',
    insert: 'Insérer : {{text}}',
    remove: 'Supprimer le commentaire enregistré : {{text}}',
    empty: 'Écrivez le commentaire avant de l’enregistrer.',
    'too-long': 'Ce commentaire est trop long pour être enregistré.',
    full: 'Vous avez déjà 50 commentaires enregistrés : supprimez-en un d’abord.',
  },
  list: {
    title: 'Copies',
    filter: 'Afficher',
    filters: {
      all: 'Toutes',
      unmarked: 'Non notées',
      draft: 'Brouillons',
      final: 'Finales',
      flagged: 'Signalées',
    },
    sort: 'Trier par',
    sorts: {
      code: 'Numéro d’anonymat',
      'total-ascending': 'Total croissant',
      'total-descending': 'Total décroissant',
    },
    empty: 'Aucune copie dans ce filtre.',
    flagged: 'Signalée',
  },
  state: {
    unmarked: 'Non notée',
    draft: 'Brouillon',
    final: 'Finale',
  },
  nav: {
    label: 'Parcourir le lot',
    previous: 'Copie précédente',
    next: 'Copie suivante',
    nextToMark: 'Prochaine copie à noter',
    position: 'Copie {{position}} sur {{count}}',
    outsideList: 'Copie hors du filtre',
  },
  report: {
    section: 'Problèmes de scan',
    open: 'Signaler un problème de scan',
  },
  compare: {
    title: 'Comparer {{first}} et {{second}}',
    back: 'Retour à la copie {{code}}',
    total: 'Total',
    with: 'Comparer avec…',
  },
  shortcutList: {
    open: 'Raccourcis clavier',
    close: 'Masquer les raccourcis',
    title: 'Raccourcis clavier',
    points:
      'Dans un champ de points : chiffres pour saisir, + et - pour avancer d’un pas, Entrée ou Tab pour la question suivante.',
    bank: 'Alt+1 à Alt+9 : insérer un commentaire enregistré.',
    names: {
      previousPage: 'Page précédente',
      nextPage: 'Page suivante',
      zoomIn: 'Zoom avant',
      zoomOut: 'Zoom arrière',
      fitWidth: 'Ajuster à la largeur',
      fitPage: 'Page entière',
      rotateClockwise: 'Pivoter la page vers la droite',
      rotateCounterClockwise: 'Pivoter la page vers la gauche',
      toggleContinuous: 'Défilement continu',
      selectTool: 'Outil Sélection',
      penTool: 'Stylo',
      highlighterTool: 'Surligneur',
      textTool: 'Note',
      tickTool: 'Coche',
      crossTool: 'Croix',
      eraserTool: 'Gomme',
      nextColor: 'Couleur suivante',
      deleteSelection: 'Supprimer l’annotation sélectionnée',
      undo: 'Annuler la dernière annotation',
      redo: 'Rétablir l’annotation',
      previousCopy: 'Copie précédente',
      nextCopy: 'Copie suivante',
      nextUnmarkedCopy: 'Prochaine copie à noter',
      markFinal: 'Passer en note finale',
      focusPoints: 'Aller à la première note',
      toggleOcrText: 'Afficher ou masquer le texte lu (OCR)',
    } satisfies Record<ShortcutId, string>,
  },
  noScheme:
    'Le barème de ce lot n’est pas sur cet ordinateur. Connectez-vous au réseau pour le recevoir.',
  keys: {
    ctrl: 'Ctrl',
    alt: 'Alt',
    shift: 'Maj',
    PageUp: 'Page préc.',
    PageDown: 'Page suiv.',
    ArrowLeft: '←',
    ArrowRight: '→',
    Delete: 'Suppr',
    Enter: 'Entrée',
  },
};

export const markingEn: DeepStrings<typeof markingFr> = {
  title: 'Marking',
  bounds: 'out of {{max}}, step {{step}}',
  problem: {
    'not-a-number':
      '“{{value}}” is not a number of points: type for example 2.5. The stored mark stays {{stored}}.',
    'out-of-range':
      '{{value}} is above this question’s maximum of {{max}} points. The stored mark stays {{stored}}.',
    'not-a-step':
      '{{value}} is not a multiple of {{step}}: use + and - to move by one step. The stored mark stays {{stored}}.',
  },
  noStoredMark: 'empty',
  locked: {
    submitted: 'This batch is submitted: its grades can no longer change.',
    closed: 'This batch is closed: its grades can no longer change.',
    'deadline-passed':
      'This batch’s deadline has passed: the server accepts no more changes. Contact your chief examiner.',
    'copy-withdrawn':
      'This copy was withdrawn from you: its grade is kept on this computer but can no longer change.',
  },
  finalNotice: 'Final grade. Reopen it to change it.',
  total: 'Total: {{total}} / {{max}}',
  comment: 'General comment',
  commentTooLong:
    'The comment has {{length, number}} characters; the limit is {{max, number}}. Shorten it; the stored version stays the previous one.',
  flags: 'Flags',
  flag: {
    'blank-page': 'Blank page',
    'missing-page': 'Missing page',
    illegible: 'Illegible',
    'suspected-fraud': 'Suspected fraud',
    'wrong-subject': 'Wrong subject',
    other: 'Other',
  },
  unmarkedLeft: 'To make the grade final, first mark: {{questions}}.',
  invalidStored:
    '{{question}}: {{points}} points no longer fit the marking scheme; correct this mark.',
  invalidTyped:
    'First correct the marks shown in red ({{questions}}): a final grade takes what is shown.',
  markFinal: 'Make grade final',
  reopen: 'Reopen grade',
  save: {
    saving: 'Saving…',
    nothingYet: 'No grade entered for this copy yet.',
    saved: 'Saved on this computer at {{time}}.',
    storageFull:
      'Not enough disk space: the last change was not saved, the earlier ones are kept. Free some space, then make it again.',
    failed:
      'The last change could not be saved ({{detail}}). The earlier ones are kept; make it again.',
  },
  bank: {
    title: 'Saved comments',
    save: 'Add to saved comments',
    insert: 'Insert: {{text}}',
    remove: 'Remove saved comment: {{text}}',
    empty: 'Write the comment before saving it.',
    'too-long': 'This comment is too long to save.',
    full: 'You already have 50 saved comments: remove one first.',
  },
  list: {
    title: 'Copies',
    filter: 'Show',
    filters: {
      all: 'All',
      unmarked: 'Unmarked',
      draft: 'Drafts',
      final: 'Final',
      flagged: 'Flagged',
    },
    sort: 'Sort by',
    sorts: {
      code: 'Anonymous code',
      'total-ascending': 'Total, lowest first',
      'total-descending': 'Total, highest first',
    },
    empty: 'No copy in this filter.',
    flagged: 'Flagged',
  },
  state: {
    unmarked: 'Unmarked',
    draft: 'Draft',
    final: 'Final',
  },
  nav: {
    label: 'Move through the batch',
    previous: 'Previous copy',
    next: 'Next copy',
    nextToMark: 'Next copy to mark',
    position: 'Copy {{position}} of {{count}}',
    outsideList: 'Copy outside the filter',
  },
  report: {
    section: 'Scan problems',
    open: 'Report a scan problem',
  },
  compare: {
    title: 'Compare {{first}} and {{second}}',
    back: 'Back to copy {{code}}',
    total: 'Total',
    with: 'Compare with…',
  },
  shortcutList: {
    open: 'Keyboard shortcuts',
    close: 'Hide shortcuts',
    title: 'Keyboard shortcuts',
    points:
      'In a points field: digits to type, + and - to move by one step, Enter or Tab for the next question.',
    bank: 'Alt+1 to Alt+9: insert a saved comment.',
    names: {
      previousPage: 'Previous page',
      nextPage: 'Next page',
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      fitWidth: 'Fit width',
      fitPage: 'Fit page',
      rotateClockwise: 'Rotate page clockwise',
      rotateCounterClockwise: 'Rotate page counter-clockwise',
      toggleContinuous: 'Continuous scrolling',
      selectTool: 'Select tool',
      penTool: 'Pen',
      highlighterTool: 'Highlighter',
      textTool: 'Text note',
      tickTool: 'Tick',
      crossTool: 'Cross',
      eraserTool: 'Eraser',
      nextColor: 'Next colour',
      deleteSelection: 'Delete the selected annotation',
      undo: 'Undo the last annotation',
      redo: 'Redo the annotation',
      previousCopy: 'Previous copy',
      nextCopy: 'Next copy',
      nextUnmarkedCopy: 'Next copy to mark',
      markFinal: 'Make grade final',
      focusPoints: 'Go to the first points field',
      toggleOcrText: 'Show or hide the text read by OCR',
    },
  },
  noScheme:
    'This batch’s marking scheme is not on this computer. Connect to the network to receive it.',
  keys: {
    ctrl: 'Ctrl',
    alt: 'Alt',
    shift: 'Shift',
    PageUp: 'Page Up',
    PageDown: 'Page Down',
    ArrowLeft: '←',
    ArrowRight: '→',
    Delete: 'Del',
    Enter: 'Enter',
  },
};
