/** Who may do what in the notices area. Pure predicates over loaded data; see ./core.ts and ./index.ts. */
import { member, type Rule } from './core';

export const noticePolicy = {
} satisfies Record<string, Rule<never>>;

void member;
