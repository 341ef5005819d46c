/** Who may do what in the admin area. Pure predicates over loaded data; see ./core.ts and ./index.ts. */
import { member, type Rule } from './core';

export const adminPolicy = {
} satisfies Record<string, Rule<never>>;

void member;
