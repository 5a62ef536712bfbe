/**
 * Texts of OCR: integrity badges and findings, and batch progress, French
 * first. The English object must have the same keys, which the type
 * checker enforces.
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
  },
  progress: {
    label: 'Lecture des pages (OCR)',
    value:
      '{{read}} pages lues sur {{total}}, {{checked}} copies contrôlées sur {{stored}}',
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
  },
  progress: {
    label: 'Reading pages (OCR)',
    value:
      '{{read}} of {{total}} pages read, {{checked}} of {{stored}} copies checked',
  },
};
