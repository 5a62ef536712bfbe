/**
 * Texts of the scan reports and the examiner's pace, French first. The
 * English object must have the same keys, which the type checker enforces.
 */
import type { DeepStrings } from '../message-shape';

export const reportsFr = {};

export const reportsEn: DeepStrings<typeof reportsFr> = {};
