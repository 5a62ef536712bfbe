/**
 * Texts of OCR: integrity badges and findings, the text panel, search and
 * batch progress, French first. The English object must have the same
 * keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const ocrFr = {
  badge: {
    count_one: '{{count}} anomalie de scan',
    count_other: '{{count}} anomalies de scan',
  },
  finding: {
    'code-missing': 'Code d’anonymat non lu, page {{pages}}',
    'wrong-copy': 'Page {{pages}} d’une autre copie ({{code}})',
    'page-count-mismatch': 'Nombre de pages différent de l’en-tête',
    'page-number-missing': 'Page {{number}} manquante',
    'page-number-repeated': 'Page {{number}} en double',
    'page-out-of-sequence': 'Pages dans le désordre : {{pages}}',
    'page-number-unread': 'Numéro de page non lu, page {{pages}}',
    'blank-page': 'Page {{pages}} blanche',
    'upside-down': 'Page {{pages}} à l’envers',
    sideways: 'Page {{pages}} tournée d’un quart de tour',
  },
  findings: {
    title: 'Contrôle des pages',
    none: 'Aucune anomalie détectée.',
    pending: 'Contrôle des pages en cours…',
    report: 'Signaler',
    reportFinding: 'Signaler : {{finding}}',
  },
  panel: {
    toggle: 'Texte lu (OCR)',
    title: 'Texte lu sur la page {{page}}',
    unread:
      'Cette page n’a pas encore été lue. La page affichée est lue en premier, dans quelques secondes.',
    loading: 'Chargement du texte…',
    failed: 'Le texte lu sur cette page ne peut pas être affiché : {{error}}',
    empty: 'Aucun texte lu sur cette page.',
    wordConfidence: '{{text}} (confiance {{confidence}} %)',
    legend:
      'Les mots surlignés sont lus avec peu de confiance, comme l’écriture manuscrite.',
  },
  search: {
    label: 'Rechercher dans le texte lu',
    scope: 'Chercher dans',
    copy: 'Cette copie',
    batch: 'Tout le lot',
    hint: 'Entrée : résultat suivant, Maj+Entrée : précédent.',
    tooShort: 'Tapez au moins {{count}} caractères.',
    count_one: '{{count}} résultat',
    count_other: '{{count}} résultats',
    position: 'résultat {{index}} sur {{count}}',
    // A label and a number, so that no plural agreement depends on it.
    coverage: 'pages lues : {{read}} sur {{total}}',
    incomplete:
      'Les pages pas encore lues ne sont pas cherchées : la lecture continue quand vous faites une pause.',
    hit: '{{code}}, page {{page}} : {{context}}',
    hits: 'Résultats',
    failed: 'La recherche a échoué : {{error}}. Réessayez.',
  },
  progress: {
    label: 'Lecture des pages (OCR)',
    value:
      'pages lues : {{read}} sur {{total}} ; copies contrôlées : {{checked}} sur {{stored}}',
  },
};

export const ocrEn: DeepStrings<typeof ocrFr> = {
  badge: {
    count_one: '{{count}} scan problem',
    count_other: '{{count}} scan problems',
  },
  finding: {
    'code-missing': 'Anonymous code not read, page {{pages}}',
    'wrong-copy': 'Page {{pages}} from another copy ({{code}})',
    'page-count-mismatch': 'Page count differs from the header',
    'page-number-missing': 'Page {{number}} missing',
    'page-number-repeated': 'Page {{number}} repeated',
    'page-out-of-sequence': 'Pages out of order: {{pages}}',
    'page-number-unread': 'Page number not read, page {{pages}}',
    'blank-page': 'Page {{pages}} blank',
    'upside-down': 'Page {{pages}} upside down',
    sideways: 'Page {{pages}} turned a quarter turn',
  },
  findings: {
    title: 'Page check',
    none: 'No problem found.',
    pending: 'Checking the pages…',
    report: 'Report',
    reportFinding: 'Report: {{finding}}',
  },
  panel: {
    toggle: 'Text read (OCR)',
    title: 'Text read on page {{page}}',
    unread:
      'This page has not been read yet. The page shown is read first, in a few seconds.',
    loading: 'Loading the text…',
    failed: 'The text read on this page cannot be shown: {{error}}',
    empty: 'No text read on this page.',
    wordConfidence: '{{text}} (confidence {{confidence}} %)',
    legend: 'Highlighted words are read with low confidence, like handwriting.',
  },
  search: {
    label: 'Search the text read',
    scope: 'Search in',
    copy: 'This copy',
    batch: 'Whole batch',
    hint: 'Enter: next result, Shift+Enter: previous.',
    tooShort: 'Type at least {{count}} characters.',
    count_one: '{{count}} result',
    count_other: '{{count}} results',
    position: 'result {{index}} of {{count}}',
    coverage: 'pages read: {{read}} of {{total}}',
    incomplete:
      'Pages not read yet are not searched: reading goes on when you pause.',
    hit: '{{code}}, page {{page}}: {{context}}',
    hits: 'Results',
    failed: 'The search failed: {{error}}. Try again.',
  },
  progress: {
    label: 'Reading pages (OCR)',
    value:
      'pages read: {{read}} of {{total}}; copies checked: {{checked}} of {{stored}}',
  },
};
