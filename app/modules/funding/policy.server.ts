/**
 * The policy layer for the seed fund's routes, through a .server module: loaders and actions ask it,
 * and the rules (and every area's policy file) stay out of the browser bundle.
 */
export { abilitiesFor, authorize, can } from '~/policies';
