/**
 * The policy layer (app/policies) for this area's routes. A .server re-export, so route modules do not pull
 * the policies' imports into the page's catalogue parts or browser bundle.
 */
export { abilitiesFor, authorize, can } from '~/policies';
