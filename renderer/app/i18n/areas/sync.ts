/**
 * Texts of the sync status, the batch cards' sync state, the quit warning
 * and batch submission, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const syncFr = {
  connection: {
    online: 'En ligne',
    offline:
      'Hors connexion : vos notes sont enregistrées sur cet ordinateur et seront envoyées au retour du réseau',
    signInRequired:
      'Reconnexion nécessaire pour synchroniser : vos notes restent enregistrées sur cet ordinateur',
    checking: 'Connexion au serveur…',
  },
  syncing: 'Synchronisation…',
  failing:
    'Le serveur rencontre un problème : nouvel essai {{age}}. Vos notes restent enregistrées sur cet ordinateur.',
  pending_one: '{{count}} modification en attente, faite {{age}}',
  pending_other: '{{count}} modifications en attente, la plus ancienne {{age}}',
  nothingPending: 'Aucune modification en attente',
  lastSync: 'Dernière synchronisation {{age}}',
  neverSynced: 'Jamais synchronisé',
  justNow: 'à l’instant',
  inAMoment: 'dans un instant',
  syncNow: 'Synchroniser maintenant',
  problems: {
    button_one: '{{count}} problème de synchronisation',
    button_other: '{{count}} problèmes de synchronisation',
    title: 'Notes que le serveur n’a pas acceptées',
    intro:
      'Ces notes restent enregistrées sur cet ordinateur. Ouvrez chaque copie pour voir ce qu’il faut faire.',
    copy: 'Copie {{code}}',
    unknownCopy: 'Copie {{id}} (plus enregistrée sur cet ordinateur)',
    serverSaid: 'Réponse du serveur : {{detail}}',
    reason: {
      conflict:
        'La note a aussi été modifiée sur le serveur : choisissez la version à garder.',
      invalid:
        'Le serveur refuse une note de cette copie : corrigez-la, elle sera envoyée à nouveau.',
      locked:
        'Le lot est clos, rendu ou sa date limite est passée : le serveur n’accepte plus de modification.',
      withdrawn:
        'Le centre d’examen a retiré cette copie de votre lot : sa note n’a pas été envoyée.',
      rejected:
        'Le serveur a refusé la note (erreur {{status}}). Si cela continue, contactez l’assistance.',
    },
  },
  card: {
    synced: 'Toutes les notes sont envoyées',
    pending_one: '{{count}} note pas encore envoyée',
    pending_other: '{{count}} notes pas encore envoyées',
    problems_one: '{{count}} note refusée ou en conflit',
    problems_other: '{{count}} notes refusées ou en conflit',
  },
  gradeState: {
    problem: 'Note refusée ou en conflit',
  },
  submit: {
    title: 'Rendre le lot',
    intro:
      'Rendre le lot transmet vos notes finales au centre d’examen. C’est définitif : ensuite, plus aucune note du lot ne peut changer.',
    action: 'Rendre le lot…',
    checking: 'Vérification…',
    blocked: 'Le lot ne peut pas encore être rendu.',
    ready: 'Plus rien ne bloque : vous pouvez rendre le lot.',
    notFinal_one: '{{count}} copie sans note finale :',
    notFinal_other: '{{count}} copies sans note finale :',
    unsynced_one: '{{count}} copie dont la note n’est pas encore envoyée :',
    unsynced_other: '{{count}} copies dont la note n’est pas encore envoyée :',
    conflicts_one:
      '{{count}} copie dont la note a changé sur le serveur (choisissez la version à garder) :',
    conflicts_other:
      '{{count}} copies dont la note a changé sur le serveur (choisissez la version à garder) :',
    confirmTitle: 'Rendre le lot « {{title}} » ?',
    confirmText_one:
      'La note finale de la copie sera transmise au centre d’examen. C’est définitif : vous ne pourrez plus la modifier.',
    confirmText_other:
      'Les notes finales des {{count}} copies seront transmises au centre d’examen. C’est définitif : vous ne pourrez plus les modifier.',
    confirm: 'Rendre définitivement',
    cancel: 'Annuler',
    submitting: 'Envoi…',
    done: 'Lot rendu : le centre d’examen a reçu vos notes.',
    submitted: 'Ce lot est rendu : ses notes ne peuvent plus être modifiées.',
    closed:
      'Le centre d’examen a clos ce lot : il ne peut plus être rendu et ses notes ne peuvent plus changer.',
    offline:
      'Le serveur ne répond pas : le lot n’est pas rendu. Réessayez au retour du réseau.',
    signInRequired:
      'Reconnectez-vous, puis rendez le lot à nouveau : il n’est pas rendu.',
    missingFinal:
      'Le serveur n’a pas de note finale pour ces copies, modifiées peut-être depuis un autre poste ou par le chef de jury. La synchronisation est relancée : vérifiez-les, puis rendez le lot à nouveau.',
    missingFinalUnnamed:
      'Le serveur indique des copies sans note finale ({{detail}}). La synchronisation est relancée : vérifiez vos copies, puis rendez le lot à nouveau.',
    closedByServer:
      'Le centre d’examen a clos ce lot : il ne peut plus être rendu.',
    failed:
      'Le lot n’a pas pu être rendu ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
  },
};

export const syncEn: DeepStrings<typeof syncFr> = {
  connection: {
    online: 'Online',
    offline:
      'Offline: your marks are saved on this computer and will be sent when the network is back',
    signInRequired:
      'Sign in again to sync: your marks stay saved on this computer',
    checking: 'Connecting to the server…',
  },
  syncing: 'Syncing…',
  failing:
    'The server has a problem: next try {{age}}. Your marks stay saved on this computer.',
  pending_one: '{{count}} change waiting, made {{age}}',
  pending_other: '{{count}} changes waiting, the oldest {{age}}',
  nothingPending: 'No change waiting',
  lastSync: 'Last sync {{age}}',
  neverSynced: 'Never synced',
  justNow: 'just now',
  inAMoment: 'in a moment',
  syncNow: 'Sync now',
  problems: {
    button_one: '{{count}} sync problem',
    button_other: '{{count}} sync problems',
    title: 'Marks the server did not accept',
    intro:
      'These marks stay saved on this computer. Open each copy to see what to do.',
    copy: 'Copy {{code}}',
    unknownCopy: 'Copy {{id}} (no longer on this computer)',
    serverSaid: 'Server response: {{detail}}',
    reason: {
      conflict:
        'The mark was also changed on the server: choose the version to keep.',
      invalid:
        'The server rejects a mark of this copy: correct it and it will be sent again.',
      locked:
        'The batch is closed, submitted or past its deadline: the server accepts no more changes.',
      withdrawn:
        'The exam office withdrew this copy from your batch: its mark was not sent.',
      rejected:
        'The server rejected the mark (error {{status}}). If this goes on, contact support.',
    },
  },
  card: {
    synced: 'All marks sent',
    pending_one: '{{count}} mark not sent yet',
    pending_other: '{{count}} marks not sent yet',
    problems_one: '{{count}} mark rejected or in conflict',
    problems_other: '{{count}} marks rejected or in conflict',
  },
  gradeState: {
    problem: 'Mark rejected or in conflict',
  },
  submit: {
    title: 'Submit the batch',
    intro:
      'Submitting the batch hands your final marks to the exam office. It is final: afterwards no mark of the batch can change.',
    action: 'Submit the batch…',
    checking: 'Checking…',
    blocked: 'The batch cannot be submitted yet.',
    ready: 'Nothing blocks it any more: you can submit the batch.',
    notFinal_one: '{{count}} copy without a final mark:',
    notFinal_other: '{{count}} copies without a final mark:',
    unsynced_one: '{{count}} copy whose mark is not sent yet:',
    unsynced_other: '{{count}} copies whose mark is not sent yet:',
    conflicts_one:
      '{{count}} copy whose mark changed on the server (choose the version to keep):',
    conflicts_other:
      '{{count}} copies whose mark changed on the server (choose the version to keep):',
    confirmTitle: 'Submit batch “{{title}}”?',
    confirmText_one:
      'The final mark of the copy will go to the exam office. This is final: you will not be able to change it.',
    confirmText_other:
      'The final marks of the {{count}} copies will go to the exam office. This is final: you will not be able to change them.',
    confirm: 'Submit for good',
    cancel: 'Cancel',
    submitting: 'Sending…',
    done: 'Batch submitted: the exam office has your marks.',
    submitted: 'This batch is submitted: its marks can no longer change.',
    closed:
      'The exam office closed this batch: it can no longer be submitted and its marks can no longer change.',
    offline:
      'The server does not respond: the batch is not submitted. Try again when the network is back.',
    signInRequired:
      'Sign in again, then submit the batch again: it is not submitted.',
    missingFinal:
      'The server has no final mark for these copies, perhaps changed from another computer or by the chief examiner. Sync has restarted: check them, then submit the batch again.',
    missingFinalUnnamed:
      'The server reports copies without a final mark ({{detail}}). Sync has restarted: check your copies, then submit the batch again.',
    closedByServer:
      'The exam office closed this batch: it can no longer be submitted.',
    failed:
      'The batch could not be submitted ({{detail}}). Try again; if this goes on, contact support.',
  },
};
