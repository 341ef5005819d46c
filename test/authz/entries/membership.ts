/** Signing in, joining, invitations, account settings and "your data". */
import type { Entry } from '../types';

const own = { visitor: 'login', outsider: 200, right: 200, steward: 200 } as const;

export default [
  { route: 'routes/login', publicAction: true, cases: [{ path: () => '/login', get: { visitor: 200, outsider: 302, steward: 302 } }] },
  { route: 'routes/logout', publicAction: true, cases: [{ path: () => '/logout' }] },
  { route: 'routes/join', publicAction: true, cases: [{ path: () => '/join', get: { visitor: 200 } }] },
  { route: 'routes/setup', publicAction: true, cases: [{ name: 'after the first steward exists', path: () => '/setup', get: { visitor: 404, outsider: 404, steward: 404 } }] },
  { route: 'routes/reset-password', publicAction: true, cases: [{ path: () => '/reset-password', get: { visitor: 200 } }] },
  { route: 'routes/invite.$token', publicAction: true, cases: [{ name: 'an unknown token', path: () => '/invite/not-a-real-token', get: { visitor: 404 } }] },
  { route: 'routes/unsubscribe.$token', publicAction: true, cases: [{ name: 'an unknown token', path: () => '/unsubscribe/not-a-real-token' }] },
  { route: 'routes/language', publicAction: true, cases: [{ path: () => '/language' }] },
  {
    route: 'routes/invitations',
    cases: [{ path: () => '/invitations', get: { visitor: 'login', steward: 200 }, post: [{ name: 'revoke an unknown invitation', body: () => ({ intent: 'revoke', id: 'nope' }), expect: { visitor: 'login' } }] }],
  },
  { route: 'routes/settings', cases: [{ path: () => '/settings', get: { visitor: 'login', outsider: 200, right: 200, steward: 200 } }] },
  { route: 'routes/settings._index', cases: [{ path: () => '/settings/', get: own }] },
  { route: 'routes/settings.profile', cases: [{ name: "one's own profile, hidden fields included", path: () => '/settings/profile', get: own }] },
  { route: 'routes/settings.data', cases: [{ path: () => '/settings/data', get: own }] },
  { route: 'routes/settings.export', cases: [{ name: "one's own data as JSON", path: () => '/settings/export', get: own }] },
  { route: 'routes/notifications', cases: [{ path: () => '/notifications', get: own }] },
  { route: 'routes/resources.notifications.unread', cases: [{ path: () => '/resources/notifications/unread' }] },
] satisfies Entry[];
