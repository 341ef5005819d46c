/** Who may do what in the documents area. Pure predicates over loaded data; see ./core.ts and ./index.ts. */
import { member, type Rule } from './core';

export const documentPolicy = {
} satisfies Record<string, Rule<never>>;

void member;
