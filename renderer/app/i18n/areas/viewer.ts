/**
 * Texts of the viewer area, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const viewerFr = {
  label: 'Copie numérisée',
  toolbar: 'Affichage de la copie',
  opening: 'Ouverture de la copie…',
  page: 'Page {{page}} sur {{count}}',
  previousPage: 'Page précédente',
  nextPage: 'Page suivante',
  zoomIn: 'Zoom avant',
  zoomOut: 'Zoom arrière',
  zoomLevel: 'Zoom : {{percent}} %',
  percent: '{{percent}} %',
  fitWidth: 'Ajuster à la largeur',
  fitPage: 'Page entière',
  rotateClockwise: 'Faire pivoter la page vers la droite',
  rotateCounterClockwise: 'Faire pivoter la page vers la gauche',
  continuous: 'Défilement continu',
  thumbnails: 'Pages de la copie',
  thumbnail: 'Page {{page}}',
  reportProblem: 'Signaler un problème de numérisation',
  problem: {
    empty:
      'Le fichier de cette copie est vide (0 octet) : il n’y a rien à afficher. Signalez le problème pour que le centre d’examen envoie la numérisation.',
    password:
      'Le PDF de cette copie est protégé par un mot de passe : Copydesk ne peut pas l’afficher. Signalez le problème pour que le centre d’examen envoie une version sans mot de passe.',
    invalid:
      'Le fichier de cette copie n’est pas un PDF valide : il est endommagé ou incomplet. Signalez le problème pour que le centre d’examen envoie une nouvelle numérisation.',
    timeout:
      'L’ouverture de cette copie a dépassé la limite de {{seconds}} s et a été abandonnée : le fichier est peut-être endommagé. Rouvrez la copie ; si cela continue, signalez le problème.',
    unreadable:
      'Cette copie n’a pas pu être ouverte ({{detail}}). Rouvrez-la ; si cela continue, signalez le problème.',
  },
  pageProblem: {
    failed:
      'La page {{page}} n’a pas pu être affichée : elle est peut-être endommagée. Les autres pages restent lisibles ; signalez le problème.',
    timeout:
      'L’affichage de la page {{page}} a dépassé la limite de {{seconds}} s et a été abandonné. Les autres pages restent lisibles ; si cela continue, signalez le problème.',
  },
};

export const viewerEn: DeepStrings<typeof viewerFr> = {
  label: 'Scanned copy',
  toolbar: 'Copy display',
  opening: 'Opening the copy…',
  page: 'Page {{page}} of {{count}}',
  previousPage: 'Previous page',
  nextPage: 'Next page',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomLevel: 'Zoom: {{percent}}%',
  percent: '{{percent}}%',
  fitWidth: 'Fit width',
  fitPage: 'Fit page',
  rotateClockwise: 'Rotate page clockwise',
  rotateCounterClockwise: 'Rotate page counter-clockwise',
  continuous: 'Continuous scrolling',
  thumbnails: 'Pages of the copy',
  thumbnail: 'Page {{page}}',
  reportProblem: 'Report a scan problem',
  problem: {
    empty:
      'The file of this copy is empty (0 bytes): there is nothing to show. Report the problem so that the exam centre sends the scan.',
    password:
      'The PDF of this copy is password-protected: Copydesk cannot show it. Report the problem so that the exam centre sends a version without a password.',
    invalid:
      'The file of this copy is an invalid PDF: it is damaged or incomplete. Report the problem so that the exam centre sends a new scan.',
    timeout:
      'Opening this copy took longer than the time limit of {{seconds}} s and was stopped: the file may be damaged. Open the copy again; if this goes on, report the problem.',
    unreadable:
      'This copy could not be opened ({{detail}}). Open it again; if this goes on, report the problem.',
  },
  pageProblem: {
    failed:
      'Page {{page}} could not be shown: it may be damaged. The other pages can still be read; report the problem.',
    timeout:
      'Showing page {{page}} took longer than the time limit of {{seconds}} s and was stopped. The other pages can still be read; if this goes on, report the problem.',
  },
};
