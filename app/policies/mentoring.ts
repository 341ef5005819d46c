/** Who may do what in the mentoring area. Pure predicates over loaded data; see ./core.ts and ./index.ts. */
import { member, type Rule } from './core';

export const mentoringPolicy = {
} satisfies Record<string, Rule<never>>;

void member;
