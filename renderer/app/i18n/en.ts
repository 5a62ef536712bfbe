import { annotationsEn } from './areas/annotations';
import { backupEn } from './areas/backup';
import { conflictsEn } from './areas/conflicts';
import { ocrEn } from './areas/ocr';
import { reportsEn } from './areas/reports';
import { syncEn } from './areas/sync';
import { markingEn } from './areas/marking';
import { viewerEn } from './areas/viewer';
import type { Messages } from './fr';

/** English texts of the app; the keys are those of `fr.ts`. */
export const en: Messages = {
  app: {
    name: 'Copydesk',
    loading: 'Loading…',
    startFailed:
      'Copydesk could not start: {{detail}}. Reload the page; if it happens again, contact support.',
  },
  server: {
    title: 'Grading server',
    intro: 'Enter the address of the grading server given by your exam office.',
    address: 'Server address',
    addressHelp: 'For example https://grading.example.org',
    save: 'Continue',
    invalid:
      '“{{value}}” is not a valid server address: use an https:// address (http:// only for localhost).',
    unreachable:
      'The server {{value}} does not respond. Check the address and your connection, then try again.',
    locked: 'Server set by your institution: {{value}}',
    change: 'Change server',
  },
  signIn: {
    title: 'Sign in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    wrongCredentials: 'Wrong username or password.',
    usernameMissing: 'Enter your username.',
    passwordMissing: 'Enter your password.',
    tooManyAttempts: 'Too many attempts. Try again in {{seconds}} seconds.',
    offline:
      'The server does not respond, so you cannot sign in right now. Check your network and try again.',
    failed:
      'Sign-in failed ({{detail}}). Try again; if it continues, contact support.',
    otherGrader:
      'This computer holds marks or scan reports from {{name}} that were not sent yet. Sign in with that account to send them before switching.',
    required: 'Sign in again to sync. Your work stays saved on this computer.',
  },
  shell: {
    signedInAs: 'Signed in: {{name}}',
    signOut: 'Sign out',
    signIn: 'Sign in again',
    storage: 'Storage: {{used}} used, {{free}} free',
    storageUnknown: 'Storage: space unknown',
    persistent: 'Persistent storage granted',
    notPersistent:
      'The browser may delete downloaded copies when space runs low.',
    language: 'Language',
  },
  batches: {
    title: 'My batches',
    empty: 'No batch is assigned to you yet.',
    emptyOffline:
      'No batch is stored on this computer. Connect to the network to receive them.',
    deadline: 'Due {{date}}',
    daysLeft_one: '{{count}} day left',
    daysLeft_other: '{{count}} days left',
    overdue: 'Deadline passed',
    copies_one: '{{count}} copy',
    copies_other: '{{count}} copies',
    marked: '{{graded}} of {{total}} final',
    offlineCopies: '{{stored}} of {{total}} copies offline',
    download: 'Download',
    downloadAll: 'Download the copies ({{size}})',
    resume: 'Resume download',
    cancel: 'Stop',
    available: 'Available offline',
    open: 'Open',
    withdrawn: 'Batch withdrawn by the exam office',
    status: {
      open: 'In progress',
      submitted: 'Submitted',
      closed: 'Closed',
    },
  },
  download: {
    startFailed:
      'The download could not start ({{detail}}). Try again; if it continues, contact support.',
    label: 'Offline copies',
    progressCopies: '{{done}} of {{total}} copies',
    timeLeft: 'about {{time}} left',
    paused:
      'Download paused: the server does not respond. It resumes by itself when the network is back.',
    completed: 'Every copy is available offline.',
    failedCopies_one: '{{count}} copy could not be downloaded: see the list.',
    failedCopies_other:
      '{{count}} copies could not be downloaded: see the list.',
  },
  batch: {
    back: 'Back to batches',
    notFound:
      'This batch is not stored on this computer. Go back to the list of batches.',
    scheme: 'Marking scheme: {{title}} ({{total}} points)',
    code: 'Copy',
    pages: 'Pages',
    size: 'Size',
    offline: 'Offline',
    grade: 'Grade',
    copyState: {
      missing: 'To download',
      partial: 'Partly downloaded',
      stored: 'Available offline',
      queued: 'Queued',
      downloading: 'Downloading…',
      verifying: 'Verifying…',
      failed: 'Failed',
      withdrawn: 'Withdrawn',
    },
    gradeState: {
      none: 'Not marked',
      unsynced: 'Mark not sent yet',
      synced: 'Mark sent',
    },
  },
  copy: {
    back: 'Back to the batch',
    title: 'Copy {{code}}',
    notFound:
      'This batch has no copy at this address. Go back to the batch’s list of copies.',
    notStored:
      'This copy is not downloaded yet. Download the batch to open it offline.',
  },
  backup: backupEn,
  viewer: viewerEn,
  annotations: annotationsEn,
  marking: markingEn,
  reports: reportsEn,
  ocr: ocrEn,
  conflicts: conflictsEn,
  sync: syncEn,
  kiosk: {
    signOutTitle: 'Sign out of this shared computer',
    signOutIntro:
      'When you sign out, Copydesk erases your batches, copies, marks and logs from this computer, then returns to the sign-in screen.',
    unsynced:
      'Cannot sign out: the server does not have {{pendingGrades}} pending grade(s), {{parkedGrades}} rejected grade(s), {{conflicts}} conflict(s) and {{pendingReports}} scan report(s) yet. Send them, or settle the rejected grades and conflicts, then sign out.',
    allSynced: 'Everything is on the server: nothing will be lost.',
    syncNow: 'Send now',
    syncOffline:
      'The server does not respond: your marks stay on this computer. Try again when the network is back.',
    signOutAndErase: 'Sign out and erase',
    cancel: 'Cancel',
    wipeFailed:
      'Erasing failed: {{detail}}. Do not leave the computer: tell the exam centre’s IT staff.',
    adminQuit: 'Quit (administrator)',
    adminTitle: 'Quit Copydesk',
    adminIntro: 'For the exam centre’s administrator: enter the exit code.',
    adminCode: 'Administrator code',
    adminCodeMissing: 'Enter the code.',
    adminSubmit: 'Check the code',
    wrongCode: 'Wrong code. Try again in {{seconds}} s.',
    tooManyAttempts: 'Too many attempts. Try again in {{seconds}} s.',
    notConfigured:
      'No administrator code is set on this computer: only signing out restarts Copydesk.',
    checkFailed: 'Checking the code failed: {{detail}}',
    signOutAndQuit: 'Sign out, erase and quit',
    quitKeep:
      'Quit without signing out (the data stays encrypted on this computer)',
    quitNow: 'Quit',
    lockTitle: 'Copydesk is locked',
    lockIntro:
      'After {{minutes}} min without activity, the copy is hidden. Your work is saved.',
    lockedFor: 'Session of {{name}}',
    password: 'Password',
    passwordMissing: 'Enter your password.',
    unlock: 'Unlock',
    wrongPassword: 'Wrong password.',
    signInAgain: 'Sign in again to unlock',
    signInAgainIntro:
      'Copydesk restarted since you signed in: sign in again to go on.',
    lockSignOut: 'Sign out',
    signOutFailed: 'Signing out failed: {{detail}}',
  },
  update: {
    ready: 'Update ready: restart',
    readyVersion: 'Version {{version}} is downloaded and verified.',
    installFailed:
      'Restarting for the update failed: {{detail}}. The update will install the next time Copydesk closes.',
  },
  units: {
    bytes: '{{value}} B',
    kilobytes: '{{value}} KB',
    megabytes: '{{value}} MB',
    gigabytes: '{{value}} GB',
  },
};
