/**
 * Texts of the sign-out check, the encrypted backup of unsynced grades and
 * its restore, French first. The English object must have the same keys,
 * which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const backupFr = {
  signOut: {
    title: 'Des notes ne sont pas encore envoyées',
    unsynced_one:
      '{{count}} copie a une note que le serveur n’a pas encore reçue.',
    unsynced_other:
      '{{count}} copies ont une note que le serveur n’a pas encore reçue.',
    risk: 'Après la déconnexion, ces notes ne restent que sur cet ordinateur : la connexion d’un autre correcteur ou l’effacement d’un poste partagé les ferait perdre. Synchronisez-les, ou enregistrez d’abord une sauvegarde chiffrée.',
    allSynced: 'Toutes vos notes sont envoyées : vous pouvez vous déconnecter.',
    syncNow: 'Synchroniser maintenant',
    syncOffline:
      'Le serveur ne répond pas : les notes restent sur cet ordinateur. Pour vous déconnecter maintenant, enregistrez une sauvegarde chiffrée.',
    syncSignInRequired:
      'Le serveur demande une nouvelle connexion avant d’accepter les notes. Enregistrez une sauvegarde chiffrée, puis reconnectez-vous pour les envoyer.',
    syncFailed:
      'La synchronisation a échoué ({{detail}}). Réessayez, ou enregistrez une sauvegarde chiffrée.',
    waiting_one:
      '{{count}} copie attend votre décision (deux versions à départager, ou note refusée par le serveur) : elle ne partira pas seule.',
    waiting_other:
      '{{count}} copies attendent votre décision (deux versions à départager, ou note refusée par le serveur) : elles ne partiront pas seules.',
    signOut: 'Se déconnecter',
    cancel: 'Annuler',
    failed:
      'La déconnexion a échoué ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
  },
  save: {
    title: 'Sauvegarde chiffrée',
    intro:
      'Le fichier contient les notes non envoyées, chiffrées avec une phrase secrète que vous choisissez. Elle n’est enregistrée nulle part : sans elle, le fichier ne peut pas être restauré.',
    passphrase: 'Phrase secrète',
    confirm: 'Phrase secrète, à nouveau',
    help: 'Au moins {{min}} caractères. Quelques mots sans rapport entre eux font une phrase solide et facile à retenir.',
    strength: {
      'too-short': 'Trop courte',
      weak: 'Robustesse : faible',
      fair: 'Robustesse : moyenne',
      strong: 'Robustesse : bonne',
    },
    tooShort: 'La phrase secrète doit compter au moins {{min}} caractères.',
    mismatch: 'Les deux phrases secrètes ne sont pas identiques.',
    submit: 'Enregistrer une sauvegarde chiffrée',
    saved_one:
      'Sauvegarde enregistrée ({{count}} copie) sous le nom {{file}}. Gardez ce fichier et sa phrase secrète jusqu’à ce que la note soit envoyée.',
    saved_other:
      'Sauvegarde enregistrée ({{count}} copies) sous le nom {{file}}. Gardez ce fichier et sa phrase secrète jusqu’à ce que les notes soient envoyées.',
    cancelled: 'Enregistrement annulé : aucune sauvegarde n’a été faite.',
    failed:
      'La sauvegarde n’a pas pu être créée ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
  },
  restore: {
    open: 'Restaurer une sauvegarde',
    title: 'Restaurer une sauvegarde chiffrée',
    intro:
      'Les notes de la sauvegarde redeviennent des modifications sur cet ordinateur, envoyées à la prochaine synchronisation. Si une note a changé sur le serveur depuis, les deux versions vous seront présentées.',
    chooseFile: 'Choisir le fichier…',
    noFile: 'Aucun fichier choisi.',
    summary_one:
      '{{file}} : sauvegarde de {{name}} du {{date}}, {{count}} copie.',
    summary_other:
      '{{file}} : sauvegarde de {{name}} du {{date}}, {{count}} copies.',
    passphrase: 'Phrase secrète de la sauvegarde',
    passphraseMissing: 'Saisissez la phrase secrète de la sauvegarde.',
    submit: 'Restaurer',
    close: 'Fermer',
    result: {
      title: 'Résultat de la restauration',
      restored_one:
        '{{count}} note restaurée : elle sera envoyée à la prochaine synchronisation.',
      restored_other:
        '{{count}} notes restaurées : elles seront envoyées à la prochaine synchronisation.',
      identical_one: '{{count}} note déjà identique sur cet ordinateur.',
      identical_other: '{{count}} notes déjà identiques sur cet ordinateur.',
      unknown_one:
        '{{count}} copie absente de vos lots sur cet ordinateur, non restaurée : {{codes}}.',
      unknown_other:
        '{{count}} copies absentes de vos lots sur cet ordinateur, non restaurées : {{codes}}.',
      pendingEdit_one:
        '{{count}} copie a ici une autre note non envoyée, laissée telle quelle. Comparez-la avec la note que vous attendiez et corrigez-la si besoin : {{codes}}.',
      pendingEdit_other:
        '{{count}} copies ont ici une autre note non envoyée, laissée telle quelle. Comparez-les avec les notes que vous attendiez et corrigez-les si besoin : {{codes}}.',
      changedSinceBackup_one:
        '{{count}} copie a changé pendant la restauration, laissée telle quelle. Vérifiez-la : {{codes}}.',
      changedSinceBackup_other:
        '{{count}} copies ont changé pendant la restauration, laissées telles quelles. Vérifiez-les : {{codes}}.',
      empty: 'La sauvegarde ne contient aucune note.',
    },
    unknownCode: 'copie inconnue',
  },
  errors: {
    'not-a-backup':
      'Ce fichier n’est pas une sauvegarde Copydesk. Choisissez le fichier enregistré lors de la déconnexion.',
    'unsupported-version':
      'Cette sauvegarde vient d’une version plus récente de Copydesk (format {{formatVersion}}). Mettez l’application à jour, puis restaurez-la.',
    damaged:
      'Ce fichier de sauvegarde est endommagé : une partie manque ou n’est pas valide. Utilisez une autre copie du fichier si vous en avez une.',
    'wrong-passphrase-or-damaged':
      'Déchiffrement impossible : la phrase secrète est incorrecte, ou le fichier a été modifié ou endommagé. Vérifiez la phrase secrète (majuscules, accents, espaces) et réessayez.',
    'other-grader':
      'Cette sauvegarde appartient à {{name}}. Connectez-vous avec ce compte pour la restaurer.',
    readFailed:
      'Le fichier n’a pas pu être lu ({{detail}}). Choisissez-le à nouveau.',
    storageFull:
      'L’espace de stockage de cet ordinateur est plein : la restauration s’est arrêtée. Libérez de la place, puis restaurez à nouveau ; les notes déjà restaurées le restent.',
    restoreFailed:
      'La restauration a échoué ({{detail}}). Les notes déjà restaurées le restent ; réessayez.',
  },
};

export const backupEn: DeepStrings<typeof backupFr> = {
  signOut: {
    title: 'Some grades are not sent yet',
    unsynced_one: '{{count}} copy has a grade the server has not received yet.',
    unsynced_other:
      '{{count}} copies have a grade the server has not received yet.',
    risk: 'After you sign out, these grades exist only on this computer: another examiner signing in, or the clean-up of a shared computer, would lose them. Sync them, or save an encrypted backup first.',
    allSynced: 'All your grades are sent: you can sign out.',
    syncNow: 'Sync now',
    syncOffline:
      'The server does not respond: the grades stay on this computer. To sign out now, save an encrypted backup.',
    syncSignInRequired:
      'The server asks you to sign in again before it accepts grades. Save an encrypted backup, then sign in again to send them.',
    syncFailed:
      'Sync failed ({{detail}}). Try again, or save an encrypted backup.',
    waiting_one:
      '{{count}} copy waits for your decision (two versions to choose between, or a grade the server rejected): it will not sync by itself.',
    waiting_other:
      '{{count}} copies wait for your decision (two versions to choose between, or grades the server rejected): they will not sync by themselves.',
    signOut: 'Sign out',
    cancel: 'Cancel',
    failed:
      'Sign-out failed ({{detail}}). Try again; if it continues, contact support.',
  },
  save: {
    title: 'Encrypted backup',
    intro:
      'The file contains the unsent grades, encrypted with a passphrase you choose. It is stored nowhere: without it, the file cannot be restored.',
    passphrase: 'Passphrase',
    confirm: 'Passphrase, again',
    help: 'At least {{min}} characters. A few unrelated words make a strong passphrase that is easy to remember.',
    strength: {
      'too-short': 'Too short',
      weak: 'Strength: weak',
      fair: 'Strength: fair',
      strong: 'Strength: good',
    },
    tooShort: 'The passphrase must have at least {{min}} characters.',
    mismatch: 'The two passphrases are not the same.',
    submit: 'Save an encrypted backup',
    saved_one:
      'Backup saved ({{count}} copy) as {{file}}. Keep this file and its passphrase until the grade is sent.',
    saved_other:
      'Backup saved ({{count}} copies) as {{file}}. Keep this file and its passphrase until the grades are sent.',
    cancelled: 'Saving cancelled: no backup was made.',
    failed:
      'The backup could not be created ({{detail}}). Try again; if it continues, contact support.',
  },
  restore: {
    open: 'Restore a backup',
    title: 'Restore an encrypted backup',
    intro:
      'The backed-up grades become edits on this computer again, sent at the next sync. If a grade changed on the server since, you will be shown both versions.',
    chooseFile: 'Choose the file…',
    noFile: 'No file chosen.',
    summary_one: '{{file}}: backup of {{name}} from {{date}}, {{count}} copy.',
    summary_other:
      '{{file}}: backup of {{name}} from {{date}}, {{count}} copies.',
    passphrase: 'Backup passphrase',
    passphraseMissing: 'Enter the passphrase of the backup.',
    submit: 'Restore',
    close: 'Close',
    result: {
      title: 'Restore result',
      restored_one:
        '{{count}} grade restored: it will be sent at the next sync.',
      restored_other:
        '{{count}} grades restored: they will be sent at the next sync.',
      identical_one: '{{count}} grade already identical on this computer.',
      identical_other: '{{count}} grades already identical on this computer.',
      unknown_one:
        '{{count}} copy is not in your batches on this computer, not restored: {{codes}}.',
      unknown_other:
        '{{count}} copies are not in your batches on this computer, not restored: {{codes}}.',
      pendingEdit_one:
        '{{count}} copy has another unsent grade here, left as it is. Compare it with the grade you expected and correct it if needed: {{codes}}.',
      pendingEdit_other:
        '{{count}} copies have another unsent grade here, left as they are. Compare them with the grades you expected and correct them if needed: {{codes}}.',
      changedSinceBackup_one:
        '{{count}} copy changed while it was restored, left as it is. Check it: {{codes}}.',
      changedSinceBackup_other:
        '{{count}} copies changed while they were restored, left as they are. Check them: {{codes}}.',
      empty: 'The backup contains no grade.',
    },
    unknownCode: 'unknown copy',
  },
  errors: {
    'not-a-backup':
      'This file is not a Copydesk backup. Choose the file saved at sign-out.',
    'unsupported-version':
      'This backup comes from a newer version of Copydesk (format {{formatVersion}}). Update the app, then restore it.',
    damaged:
      'This backup file is damaged: a part is missing or invalid. Use another copy of the file if you have one.',
    'wrong-passphrase-or-damaged':
      'Decryption failed: the passphrase is wrong, or the file was changed or damaged. Check the passphrase (capitals, accents, spaces) and try again.',
    'other-grader':
      'This backup belongs to {{name}}. Sign in with that account to restore it.',
    readFailed: 'The file could not be read ({{detail}}). Choose it again.',
    storageFull:
      'This computer’s storage is full: the restore stopped. Free some space, then restore again; the grades already restored stay restored.',
    restoreFailed:
      'The restore failed ({{detail}}). The grades already restored stay restored; try again.',
  },
};
