/**
 * Texts of the scan reports and the examiner's pace, French first. The
 * English object must have the same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const reportsFr = {
  form: {
    title: 'Signaler un problème de numérisation',
    intro:
      'Le signalement est enregistré sur cet ordinateur et envoyé au centre d’examen dès que le serveur est joignable.',
    kind: 'Problème',
    pages: 'Pages concernées',
    page: 'Page {{page}}',
    note: 'Précisions',
    noteHelp:
      'Facultatif, sauf pour « Autre problème ». {{max, number}} caractères au plus.',
    submit: 'Enregistrer le signalement',
    cancel: 'Annuler',
  },
  kinds: {
    'missing-page': 'Page manquante',
    'unreadable-page': 'Page illisible',
    'wrong-copy': 'Page d’une autre copie',
    'not-anonymous': 'Identité du candidat visible',
    other: 'Autre problème',
  },
  errors: {
    unknownKind: 'Choisissez le problème à signaler.',
    noPages: 'Cochez au moins une page concernée.',
    pageOutOfRange:
      'La page {{page}} n’existe pas : cette copie a les pages 1 à {{count}}.',
    noteRequired:
      'Décrivez le problème dans les précisions : « Autre problème » seul ne dit pas au centre d’examen quoi corriger.',
    noteTooLong:
      'Les précisions font {{length, number}} caractères : raccourcissez-les à {{max, number}} au plus.',
    copyNotFound:
      'Cette copie n’est plus enregistrée sur cet ordinateur. Actualisez les lots, puis signalez le problème à nouveau.',
    copyWithdrawn:
      'Le centre d’examen a retiré cette copie de votre lot : aucun signalement n’est nécessaire.',
    storageFull:
      'L’espace de stockage de cet ordinateur est plein : le signalement n’a pas été enregistré. Libérez de la place, puis enregistrez-le à nouveau.',
    failed:
      'Le signalement n’a pas pu être enregistré ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
  },
  list: {
    title: 'Signalements de cette copie',
    empty: 'Aucun signalement pour cette copie.',
    pages_one: 'Page {{pages}}',
    pages_other: 'Pages {{pages}}',
    noPages: 'Aucune page précisée',
    filedAt: 'Enregistré le {{date}}',
    pending:
      'En attente d’envoi : il partira dès que le serveur sera joignable.',
    sent: 'Envoyé au centre d’examen le {{date}}.',
    rejectedNotFound:
      'Non envoyé : cette copie n’est plus dans votre lot (retirée ou réattribuée), le centre d’examen n’a donc pas besoin de ce signalement.',
    rejectedInvalid:
      'Refusé par le serveur ({{detail}}). La copie a peut-être été numérisée à nouveau : vérifiez ses pages et faites un nouveau signalement si besoin.',
    rejectedOther: 'Refusé par le serveur (erreur {{status}} : {{detail}}).',
  },
  pace: {
    title: 'Votre rythme',
    local:
      'Calculé sur cet ordinateur à partir de votre temps de correction actif ; rien n’est envoyé.',
    final: 'Copies terminées',
    finalValue: '{{final}} sur {{total}}',
    left: 'Copies restantes',
    median: 'Temps médian par copie',
    daysLeft: 'Jours avant l’échéance',
    deadlinePassed: 'Échéance dépassée',
    perDay: 'Copies par jour nécessaires',
    timePerDay: 'Temps de correction par jour, estimé',
    unknown: 'Inconnu tant qu’aucune copie terminée n’a de temps enregistré',
    done: 'Toutes les copies sont terminées',
    notStored: 'Ce lot n’est pas enregistré sur cet ordinateur.',
  },
};

export const reportsEn: DeepStrings<typeof reportsFr> = {
  form: {
    title: 'Report a scan problem',
    intro:
      'The report is saved on this computer and sent to the exam office as soon as the server can be reached.',
    kind: 'Problem',
    pages: 'Pages concerned',
    page: 'Page {{page}}',
    note: 'Details',
    noteHelp:
      'Optional, except for “Other problem”. At most {{max, number}} characters.',
    submit: 'Save the report',
    cancel: 'Cancel',
  },
  kinds: {
    'missing-page': 'Missing page',
    'unreadable-page': 'Unreadable page',
    'wrong-copy': 'Page from another candidate’s copy',
    'not-anonymous': 'Candidate’s identity visible',
    other: 'Other problem',
  },
  errors: {
    unknownKind: 'Choose the problem to report.',
    noPages: 'Select at least one page concerned.',
    pageOutOfRange:
      'Page {{page}} does not exist: this copy has pages 1 to {{count}}.',
    noteRequired:
      'Describe the problem in the details: “Other problem” alone does not tell the exam office what to fix.',
    noteTooLong:
      'The details are {{length, number}} characters long: shorten them to {{max, number}} at most.',
    copyNotFound:
      'This copy is no longer stored on this computer. Refresh the batches, then report the problem again.',
    copyWithdrawn:
      'The exam office withdrew this copy from your batch, so no report is needed.',
    storageFull:
      'This computer’s storage is full, so the report was not saved. Free some space, then save it again.',
    failed:
      'The report could not be saved ({{detail}}). Try again; if it continues, contact support.',
  },
  list: {
    title: 'Reports on this copy',
    empty: 'No report on this copy.',
    pages_one: 'Page {{pages}}',
    pages_other: 'Pages {{pages}}',
    noPages: 'No page given',
    filedAt: 'Saved on {{date}}',
    pending:
      'Waiting to be sent: it goes out as soon as the server can be reached.',
    sent: 'Sent to the exam office on {{date}}.',
    rejectedNotFound:
      'Not sent: this copy is no longer in your batch (withdrawn or reassigned), so the exam office does not need this report.',
    rejectedInvalid:
      'Rejected by the server ({{detail}}). The copy may have been scanned again: check its pages and file a new report if needed.',
    rejectedOther: 'Rejected by the server (error {{status}}: {{detail}}).',
  },
  pace: {
    title: 'Your pace',
    local:
      'Computed on this computer from your active marking time; nothing is sent.',
    final: 'Copies final',
    finalValue: '{{final}} of {{total}}',
    left: 'Copies left',
    median: 'Median time per copy',
    daysLeft: 'Days to the deadline',
    deadlinePassed: 'Deadline passed',
    perDay: 'Copies per day needed',
    timePerDay: 'Marking time per day, estimated',
    unknown: 'Unknown until a final copy has recorded time',
    done: 'Every copy is final',
    notStored: 'This batch is not stored on this computer.',
  },
};
