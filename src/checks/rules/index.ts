/** Every pre-check rule, in the order they are reported. */
import { CONTENT_RULES } from './content-rules.js';
import { PROCEDURE_RULES } from './procedure-rules.js';
import type { CheckRule } from '../types.js';

export const ALL_RULES: readonly CheckRule[] = [...PROCEDURE_RULES, ...CONTENT_RULES];
