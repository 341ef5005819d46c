/**
 * The bids area's data and rules, split by concern; import from here or from the part itself.
 * Every function that changes data takes the actor and authorizes through ~/policies first.
 */
export * from './details.server';
export * from './partners.server';
export * from './budget.server';
export * from './sections.server';
export * from './tasks.server';
export * from './suggestions.server';
