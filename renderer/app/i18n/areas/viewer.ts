/**
 * Texts of the viewer area, French first. The English object must have the
 * same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const viewerFr = {};

export const viewerEn: DeepStrings<typeof viewerFr> = {};
