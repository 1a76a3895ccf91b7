// Checks: see diagnostics.md. Filled in by the catalog work.
import type { Check } from '../check.js';

export const nodePortChecks: Check[] = [];
