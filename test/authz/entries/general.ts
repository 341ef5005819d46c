/** Pages that belong to no area: home, privacy, the 404 page, catalogues. */
import type { Entry } from '../types';

export default [
  { route: 'routes/_index', cases: [{ path: () => '/', get: { visitor: 200, outsider: 200, steward: 200 } }] },
  { route: 'routes/$', cases: [{ path: () => '/no-such-page', get: { visitor: 404, outsider: 404 } }] },
  { route: 'routes/privacy', cases: [{ path: () => '/privacy', get: { visitor: 200 } }] },
  { route: 'routes/resources.i18n', cases: [{ path: () => '/resources/i18n?lng=en&parts=common', get: { visitor: 200 } }] },
] satisfies Entry[];
