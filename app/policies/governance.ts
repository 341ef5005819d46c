/** Who may do what in the governance area. Pure predicates over loaded data; see ./core.ts and ./index.ts. */
import { member, type Rule } from './core';

export const governancePolicy = {
} satisfies Record<string, Rule<never>>;

void member;
