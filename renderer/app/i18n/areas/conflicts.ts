/**
 * Texts of grade sync in the marking workspace: the choice between two
 * versions of a grade, the notices about a copy's sync state, and the copy
 * list's sync badges. French first; the English object must have the same
 * keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const conflictsFr = {
  resolver: {
    title: 'Deux versions de cette note',
    intro:
      'La note a été modifiée sur le serveur alors que vos modifications n’étaient pas encore envoyées. Choisissez la version à garder pour chaque différence : rien n’est envoyé avant votre confirmation.',
    serverBy: 'Version du serveur : écrite par {{who}} le {{date}}.',
    localAt: 'Votre version : enregistrée sur cet ordinateur le {{date}}.',
    question: 'Question',
    server: 'Serveur',
    local: 'Vous',
    difference: 'Écart',
    noMark: 'sans note',
    same: 'Identique',
    chooseFor: '{{item}} : version à garder',
    serverOption: 'Serveur : {{value}}',
    localOption: 'Vous : {{value}}',
    takeAllLocal: 'Garder toute ma version',
    takeAllServer: 'Tout prendre du serveur',
    fields: {
      comment: 'Appréciation',
      flags: 'Anomalies',
      status: 'Statut',
      annotations: 'Annotations',
    },
    noComment: 'aucune appréciation',
    noFlags: 'aucune anomalie',
    status: {
      draft: 'brouillon',
      final: 'note finale',
    },
    annotations_one: '{{count}} annotation',
    annotations_other: '{{count}} annotations',
    total: 'Total retenu : {{total}} / {{max}}',
    pending_one: 'Encore {{count}} différence à trancher.',
    pending_other: 'Encore {{count}} différences à trancher.',
    finalUnmarked:
      'Une note finale doit noter toutes les questions : prenez une version notée pour {{questions}}, ou gardez le statut brouillon.',
    invalidMarks:
      'Le barème actuel n’accepte pas la note de {{questions}} : après confirmation, corrigez-la, sinon le serveur refusera la note.',
    confirm: 'Confirmer cette note',
    saving: 'Enregistrement…',
    changed:
      'La note a encore changé sur le serveur pendant votre choix : voici les nouvelles versions. Choisissez à nouveau.',
    storageFull:
      'Espace disque insuffisant : votre choix n’a pas été enregistré et les deux versions sont conservées. Libérez de l’espace, puis confirmez à nouveau.',
    failed:
      'Votre choix n’a pas pu être enregistré ({{detail}}). Les deux versions sont conservées ; confirmez à nouveau.',
    readFailed:
      'Les deux versions de cette note n’ont pas pu être lues ({{detail}}). Rechargez la page ; si cela continue, contactez l’assistance.',
  },
  who: {
    self: 'vous, depuis un autre ordinateur',
    other: 'un autre compte (chef de jury ou centre d’examen)',
  },
  notices: {
    serverChange:
      'Note modifiée sur le serveur par {{who}} le {{date}}. C’est cette version qui est affichée.',
    dismiss: 'J’ai vu',
    withdrawn:
      'Copie retirée de votre lot : votre note est conservée sur cet ordinateur mais ne peut plus être envoyée.',
    withdrawnUndone:
      'Le serveur a refusé cette note quand la copie vous était retirée. Elle est de nouveau dans votre lot : renvoyez la note.',
    locked:
      'Le serveur n’accepte plus cette note : le lot est remis, clos ou sa date limite est passée. Elle reste enregistrée sur cet ordinateur. Si le centre d’examen rouvre le lot, renvoyez-la.',
    invalid:
      'Le serveur a refusé cette note : corrigez {{questions}}. Elle sera renvoyée dès votre modification.',
    invalidUnknown:
      'Le serveur a refusé cette note : corrigez-la d’après sa réponse ci-dessous. Elle sera renvoyée dès votre modification.',
    invalidFinal: 'Rouvrez la note pour la corriger.',
    rejected:
      'Le serveur a refusé cette note (erreur {{status}}). Elle reste enregistrée sur cet ordinateur. Renvoyez-la ; si le refus continue, contactez l’assistance.',
    detail: 'Réponse du serveur : {{detail}}',
    retry: 'Renvoyer la note',
    retryFailed:
      'La note n’a pas pu être remise en attente d’envoi ({{detail}}). Réessayez.',
    attention:
      'Le barème a été corrigé et la note enregistrée ne le respecte plus pour {{questions}}. Corrigez ces questions.',
    pending:
      'Pas encore envoyée au serveur : elle partira dès que le serveur sera joignable.',
    synced: 'Envoyée au serveur.',
  },
  list: {
    filter: 'À vérifier',
    pending: 'Non envoyée',
    conflict: 'Conflit',
    refused: 'Refusée',
    changed: 'Modifiée sur le serveur',
    attention: 'Barème à revoir',
    withdrawn: 'Retirée',
  },
};

export const conflictsEn: DeepStrings<typeof conflictsFr> = {
  resolver: {
    title: 'Two versions of this grade',
    intro:
      'The grade was changed on the server while your changes were not sent yet. Choose the version to keep for each difference: nothing is sent before you confirm.',
    serverBy: 'Server version: written by {{who}} on {{date}}.',
    localAt: 'Your version: saved on this computer on {{date}}.',
    question: 'Question',
    server: 'Server',
    local: 'You',
    difference: 'Difference',
    noMark: 'no mark',
    same: 'Same',
    chooseFor: '{{item}}: version to keep',
    serverOption: 'Server: {{value}}',
    localOption: 'You: {{value}}',
    takeAllLocal: 'Keep all of my version',
    takeAllServer: 'Take all from the server',
    fields: {
      comment: 'Comment',
      flags: 'Anomalies',
      status: 'Status',
      annotations: 'Annotations',
    },
    noComment: 'no comment',
    noFlags: 'no anomaly',
    status: {
      draft: 'draft',
      final: 'final grade',
    },
    annotations_one: '{{count}} annotation',
    annotations_other: '{{count}} annotations',
    total: 'Chosen total: {{total}} / {{max}}',
    pending_one: '{{count}} difference left to decide.',
    pending_other: '{{count}} differences left to decide.',
    finalUnmarked:
      'A final grade must mark every question: take a marked version for {{questions}}, or keep the draft status.',
    invalidMarks:
      'The current marking scheme does not accept the mark of {{questions}}: after confirming, correct it, or the server will reject the grade.',
    confirm: 'Confirm this grade',
    saving: 'Saving…',
    changed:
      'The grade changed on the server again while you were choosing: here are the new versions. Choose again.',
    storageFull:
      'Not enough disk space: your choice was not saved and both versions are kept. Free some space, then confirm again.',
    failed:
      'Your choice could not be saved ({{detail}}). Both versions are kept; confirm again.',
    readFailed:
      'The two versions of this grade could not be read ({{detail}}). Reload the page; if it continues, contact support.',
  },
  who: {
    self: 'you, from another computer',
    other: 'another account (chief examiner or exam office)',
  },
  notices: {
    serverChange:
      'Grade changed on the server by {{who}} on {{date}}. That version is the one shown.',
    dismiss: 'Got it',
    withdrawn:
      'Copy withdrawn from your batch: your grade is kept on this computer but can no longer be sent.',
    withdrawnUndone:
      'The server rejected this grade while the copy was withdrawn from you. It is back in your batch: send the grade again.',
    locked:
      'The server no longer accepts this grade: the batch is submitted, closed or past its deadline. The grade stays saved on this computer. If the exam office reopens the batch, send it again.',
    invalid:
      'The server rejected this grade: correct {{questions}}. It is sent again as soon as you change it.',
    invalidUnknown:
      'The server rejected this grade: correct it from the server’s response below. It is sent again as soon as you change it.',
    invalidFinal: 'Reopen the grade to correct it.',
    rejected:
      'The server rejected this grade (error {{status}}). It stays saved on this computer. Send it again; if the server keeps rejecting it, contact support.',
    detail: 'Server response: {{detail}}',
    retry: 'Send the grade again',
    retryFailed:
      'The grade could not be queued for sending again ({{detail}}). Try again.',
    attention:
      'The marking scheme was corrected and the saved grade no longer follows it for {{questions}}. Correct these questions.',
    pending:
      'Not sent to the server yet: it goes out as soon as the server can be reached.',
    synced: 'Sent to the server.',
  },
  list: {
    filter: 'To check',
    pending: 'Not sent',
    conflict: 'Conflict',
    refused: 'Rejected',
    changed: 'Changed on the server',
    attention: 'Scheme to check',
    withdrawn: 'Withdrawn',
  },
};
