/**
 * The `sitting.json` file that `npm run server:import -- <folder>` reads:
 * an exam sitting with its marking scheme, graders and batches of copies.
 */

export interface SittingQuestion {
  id: string;
  label: string;
  /** Largest mark, in points. */
  maxPoints: number;
  /** Smallest mark increment, in points, such as 0.25 or 0.5. */
  step: number;
}

export interface SittingGrader {
  username: string;
  displayName: string;
  /** Clear-text password; the server stores only its hash. */
  password: string;
  /** Present only for a supervisor, who may read and write every grade. */
  role?: 'supervisor';
}

export interface SittingCopy {
  anonymousCode: string;
  /** PDF file name, relative to the folder holding `sitting.json`. */
  file: string;
}

export interface SittingBatch {
  /** Username of the grader who marks the batch. */
  grader: string;
  title: string;
  /** RFC 3339 UTC time. */
  deadline: string;
  copies: SittingCopy[];
}

export interface SittingDocument {
  title: string;
  subject: string;
  scheme: { title: string; questions: SittingQuestion[] };
  graders: SittingGrader[];
  batches: SittingBatch[];
}

/** The demo marking scheme: a dissertation marked out of 20 points. */
export const DEMO_SCHEME: SittingDocument['scheme'] = {
  title: 'Dissertation',
  questions: [
    {
      id: 'q1',
      label: 'Introduction et problématique',
      maxPoints: 3,
      step: 0.5,
    },
    { id: 'q2', label: 'Première partie', maxPoints: 5, step: 0.25 },
    { id: 'q3', label: 'Deuxième partie', maxPoints: 5, step: 0.25 },
    { id: 'q4', label: 'Troisième partie', maxPoints: 4, step: 0.5 },
    { id: 'q5', label: 'Conclusion et expression', maxPoints: 3, step: 0.5 },
  ],
};
