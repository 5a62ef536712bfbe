/**
 * Texts of the annotations area, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const annotationsFr = {};

export const annotationsEn: DeepStrings<typeof annotationsFr> = {};
