/**
 * French texts of the app, the reference language: `en.ts` must have the
 * same keys, which the type checker enforces.
 */
import { annotationsFr } from './areas/annotations';
import { backupFr } from './areas/backup';
import { conflictsFr } from './areas/conflicts';
import { ocrFr } from './areas/ocr';
import { reportsFr } from './areas/reports';
import { syncFr } from './areas/sync';
import { markingFr } from './areas/marking';
import { viewerFr } from './areas/viewer';
import type { DeepStrings } from './message-shape';

export const fr = {
  app: {
    name: 'Copydesk',
    loading: 'Chargement…',
    startFailed:
      'Copydesk n’a pas pu démarrer : {{detail}}. Rechargez la page ; si le problème revient, contactez l’assistance.',
  },
  server: {
    title: 'Serveur de correction',
    intro:
      'Saisissez l’adresse du serveur de correction indiquée par votre centre d’examen.',
    address: 'Adresse du serveur',
    addressHelp: 'Par exemple https://correction.example.org',
    save: 'Continuer',
    invalid:
      '« {{value}} » n’est pas une adresse de serveur valide : utilisez une adresse https:// (http:// seulement pour localhost).',
    unreachable:
      'Le serveur {{value}} ne répond pas. Vérifiez l’adresse et votre connexion, puis réessayez.',
    locked: 'Serveur fixé par votre établissement : {{value}}',
    change: 'Changer de serveur',
  },
  signIn: {
    title: 'Connexion',
    username: 'Identifiant',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    wrongCredentials: 'Identifiant ou mot de passe incorrect.',
    usernameMissing: 'Saisissez votre identifiant.',
    passwordMissing: 'Saisissez votre mot de passe.',
    tooManyAttempts: 'Trop de tentatives. Réessayez dans {{seconds}} secondes.',
    offline:
      'Le serveur ne répond pas : la connexion est impossible pour l’instant. Vérifiez votre réseau et réessayez.',
    failed:
      'La connexion a échoué ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
    otherGrader:
      'Cet ordinateur contient des notes ou des signalements de scan non envoyés de {{name}}. Connectez-vous avec ce compte pour les envoyer avant d’en changer.',
    required:
      'Reconnectez-vous pour synchroniser. Votre travail reste enregistré sur cet ordinateur.',
  },
  shell: {
    signedInAs: 'Connecté : {{name}}',
    signOut: 'Se déconnecter',
    signIn: 'Se reconnecter',
    storage: 'Stockage : {{used}} utilisés, {{free}} libres',
    storageUnknown: 'Stockage : espace inconnu',
    persistent: 'Stockage persistant accordé',
    notPersistent:
      'Le navigateur peut effacer les copies téléchargées si l’espace manque.',
    language: 'Langue',
  },
  batches: {
    title: 'Mes lots',
    empty: 'Aucun lot ne vous est attribué pour l’instant.',
    emptyOffline:
      'Aucun lot n’est enregistré sur cet ordinateur. Connectez-vous au réseau pour les recevoir.',
    deadline: 'À rendre le {{date}}',
    daysLeft_one: '{{count}} jour restant',
    daysLeft_other: '{{count}} jours restants',
    overdue: 'Date limite dépassée',
    copies_one: '{{count}} copie',
    copies_other: '{{count}} copies',
    marked: '{{graded}} sur {{total}} en note finale',
    offlineCopies: '{{stored}} sur {{total}} copies hors ligne',
    download: 'Télécharger',
    downloadAll: 'Télécharger les copies ({{size}})',
    resume: 'Reprendre le téléchargement',
    cancel: 'Interrompre',
    available: 'Disponible hors ligne',
    open: 'Ouvrir',
    withdrawn: 'Lot retiré par le centre d’examen',
    status: {
      open: 'En cours',
      submitted: 'Rendu',
      closed: 'Clos',
    },
  },
  download: {
    startFailed:
      'Le téléchargement n’a pas pu démarrer ({{detail}}). Réessayez ; si cela continue, contactez l’assistance.',
    label: 'Copies hors ligne',
    progressCopies: '{{done}} sur {{total}} copies',
    timeLeft: 'environ {{time}} restantes',
    paused:
      'Téléchargement en pause : le serveur ne répond pas. Il reprendra seul au retour du réseau.',
    completed: 'Toutes les copies sont disponibles hors ligne.',
    failedCopies_one:
      '{{count}} copie n’a pas pu être téléchargée : voir la liste.',
    failedCopies_other:
      '{{count}} copies n’ont pas pu être téléchargées : voir la liste.',
  },
  batch: {
    back: 'Retour aux lots',
    notFound:
      'Ce lot n’est pas enregistré sur cet ordinateur. Revenez à la liste des lots.',
    scheme: 'Barème : {{title}} ({{total}} points)',
    code: 'Copie',
    pages: 'Pages',
    size: 'Taille',
    offline: 'Hors ligne',
    grade: 'Note',
    copyState: {
      missing: 'À télécharger',
      partial: 'Téléchargement partiel',
      stored: 'Disponible hors ligne',
      queued: 'En attente',
      downloading: 'Téléchargement…',
      verifying: 'Vérification…',
      failed: 'Échec',
      withdrawn: 'Retirée',
    },
    gradeState: {
      none: 'Non notée',
      unsynced: 'Note à envoyer',
      synced: 'Note envoyée',
    },
  },
  copy: {
    back: 'Retour au lot',
    title: 'Copie {{code}}',
    notFound:
      'Ce lot n’a pas de copie à cette adresse. Revenez à la liste des copies du lot.',
    notStored:
      'Cette copie n’est pas encore téléchargée. Téléchargez le lot pour l’ouvrir hors ligne.',
  },
  backup: backupFr,
  viewer: viewerFr,
  annotations: annotationsFr,
  marking: markingFr,
  reports: reportsFr,
  ocr: ocrFr,
  conflicts: conflictsFr,
  sync: syncFr,
  kiosk: {
    signOutTitle: 'Se déconnecter de cet ordinateur partagé',
    signOutIntro:
      'À la déconnexion, Copydesk efface de cet ordinateur vos lots, copies, notes et journaux, puis revient à l’écran de connexion.',
    unsynced:
      'Déconnexion impossible : le serveur n’a pas encore {{pendingGrades}} note(s) en attente, {{parkedGrades}} note(s) refusée(s), {{conflicts}} conflit(s) et {{pendingReports}} signalement(s) de copie. Envoyez-les, ou réglez les notes refusées et les conflits, puis déconnectez-vous.',
    allSynced: 'Tout est envoyé au serveur : rien ne sera perdu.',
    syncNow: 'Envoyer maintenant',
    syncOffline:
      'Le serveur ne répond pas : vos notes restent sur cet ordinateur. Réessayez quand le réseau revient.',
    signOutAndErase: 'Se déconnecter et effacer',
    cancel: 'Annuler',
    wipeFailed:
      'L’effacement a échoué : {{detail}}. Ne laissez pas l’ordinateur : prévenez le responsable informatique du centre.',
    adminQuit: 'Quitter (administrateur)',
    adminTitle: 'Quitter Copydesk',
    adminIntro:
      'Réservé à l’administrateur du centre d’examen : saisissez le code de sortie.',
    adminCode: 'Code administrateur',
    adminCodeMissing: 'Saisissez le code.',
    adminSubmit: 'Valider le code',
    wrongCode: 'Code incorrect. Nouvel essai possible dans {{seconds}} s.',
    tooManyAttempts: 'Trop d’essais. Nouvel essai possible dans {{seconds}} s.',
    notConfigured:
      'Aucun code administrateur n’est défini sur cet ordinateur : seule la déconnexion redémarre Copydesk.',
    checkFailed: 'La vérification du code a échoué : {{detail}}',
    signOutAndQuit: 'Déconnecter, effacer et quitter',
    quitKeep:
      'Quitter sans déconnecter (les données restent chiffrées sur cet ordinateur)',
    quitNow: 'Quitter',
    lockTitle: 'Copydesk est verrouillé',
    lockIntro:
      'Après {{minutes}} min sans activité, la copie est masquée. Votre travail est enregistré.',
    lockedFor: 'Session de {{name}}',
    password: 'Mot de passe',
    passwordMissing: 'Saisissez votre mot de passe.',
    unlock: 'Déverrouiller',
    wrongPassword: 'Mot de passe incorrect.',
    signInAgain: 'Se reconnecter pour déverrouiller',
    signInAgainIntro:
      'Copydesk a redémarré depuis votre connexion : reconnectez-vous pour continuer.',
    lockSignOut: 'Se déconnecter',
    signOutFailed: 'La déconnexion a échoué : {{detail}}',
  },
  update: {
    ready: 'Mise à jour prête : redémarrer',
    readyVersion: 'La version {{version}} est téléchargée et vérifiée.',
    installFailed:
      'Le redémarrage pour la mise à jour a échoué : {{detail}}. La mise à jour s’installera à la prochaine fermeture de Copydesk.',
  },
  units: {
    bytes: '{{value}} o',
    kilobytes: '{{value}} Ko',
    megabytes: '{{value}} Mo',
    gigabytes: '{{value}} Go',
  },
};

/** The shape every language file has: the French keys, with string values. */
export type Messages = DeepStrings<typeof fr>;
