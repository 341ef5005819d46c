/** Steward pages. Everyone else is refused with 403 (the admin area is known to exist). */
import type { Entry } from '../types';

const stewardOnly = { visitor: 'login', outsider: 403, right: 403, steward: 200 } as const;

export default [
  { route: 'routes/admin', cases: [{ name: 'sends stewards to the applications', path: () => '/admin', get: { ...stewardOnly, steward: 302 }, getData: stewardOnly }] },
  { route: 'routes/admin._index', cases: [{ path: () => '/admin/', get: { visitor: 'login', outsider: 403, right: 403, steward: 302 } }] },
  {
    route: 'routes/admin.members',
    cases: [
      {
        path: () => '/admin/members',
        get: stewardOnly,
        post: [
          { name: 'a member makes themself steward', body: (w) => ({ intent: 'role', id: w.people.amina, role: 'steward' }), expect: { visitor: 'login', outsider: 403, right: 403 } },
          { name: 'a member suspends another', body: (w) => ({ intent: 'suspend', id: w.people.bilal }), expect: { outsider: 403, right: 403 } },
        ],
      },
    ],
  },
  {
    route: 'routes/admin.tags',
    cases: [{ path: () => '/admin/tags', get: stewardOnly, post: [{ name: 'a member merges tags', body: () => ({ intent: 'merge', from: 'budgeting', into: 'finance' }), expect: { visitor: 'login', outsider: 403, right: 403 } }] }],
  },
  { route: 'routes/admin.settings', cases: [{ path: () => '/admin/settings', get: stewardOnly }] },
  {
    route: 'routes/admin.outbox',
    cases: [
      {
        path: () => '/admin/outbox',
        get: stewardOnly,
      },
    ],
  },
  // Steward-made one-time reset links for members who joined by phone (issue 13.4).
  { route: 'routes/admin.reset-links', cases: [{ path: () => '/admin/reset-links', get: stewardOnly, post: [{ name: 'a member makes a reset link', body: (w) => ({ userId: w.people.bilal }), expect: { visitor: 'login', outsider: 403, right: 403 } }] }] },
  { route: 'routes/admin.reports', cases: [{ path: () => '/admin/reports', get: stewardOnly }] },
  { route: 'routes/admin.applications', cases: [{ path: () => '/admin/applications', get: stewardOnly }] },
  {
    route: 'routes/admin.applications.$id.note',
    cases: [{ name: "an applicant's voice note", path: (w) => `/admin/applications/${w.ids.application}/note`, get: stewardOnly }],
  },
] satisfies Entry[];
