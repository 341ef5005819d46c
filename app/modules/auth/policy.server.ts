/**
 * Route loaders and actions in the account areas ask the policy layer through this server-only entry,
 * so a route module never names `~/policies` (and its areas' constants) in what could reach the browser.
 */
export { abilitiesFor, authorize, can } from '~/policies';
