/**
 * Texts of the marking area, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const markingFr = {};

export const markingEn: DeepStrings<typeof markingFr> = {};
