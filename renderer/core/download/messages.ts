/**
 * The messages the download engine shows to people, French first with an
 * English variant. Technical details go to the logger instead.
 */

/** A message shown to people, in French and in English. */
export interface LocalizedMessage {
  fr: string;
  en: string;
}

export const MESSAGES = {
  checksumMismatch: {
    fr: 'Le fichier reçu ne correspond pas à la copie numérisée, même après un second téléchargement. Signalez cette copie au centre d’examen.',
    en: 'The file received does not match the scanned copy, even after a second download. Report this copy to the exam office.',
  },
  serverUnavailable: {
    fr: 'Le serveur ne répond pas correctement pour cette copie. Réessayez plus tard ; les copies déjà téléchargées restent disponibles.',
    en: 'The server is not answering correctly for this copy. Try again later; the copies already downloaded remain available.',
  },
  unexpectedResponse: {
    fr: 'Le serveur a refusé de fournir cette copie. Réessayez plus tard ou contactez le centre d’examen.',
    en: 'The server refused to provide this copy. Try again later or contact the exam office.',
  },
  storageFull: {
    fr: 'L’espace de stockage de cet ordinateur est plein : le téléchargement est arrêté. Libérez de la place puis relancez-le ; vos notes et les copies déjà téléchargées sont conservées.',
    en: 'This computer’s storage is full, so the download has stopped. Free some space and start it again; your marks and the copies already downloaded are kept.',
  },
  signInRequired: {
    fr: 'Votre session a expiré : reconnectez-vous pour reprendre le téléchargement. Les copies déjà téléchargées sont conservées.',
    en: 'Your session has expired: sign in again to resume the download. The copies already downloaded are kept.',
  },
  unexpectedError: {
    fr: 'Une erreur inattendue a arrêté le téléchargement de cette copie. Relancez le téléchargement ; si cela se reproduit, contactez l’assistance.',
    en: 'An unexpected error stopped the download of this copy. Start the download again; if it happens again, contact support.',
  },
} as const satisfies Record<string, LocalizedMessage>;
