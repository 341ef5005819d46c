/** Member profiles, contact details, organisations, conversations. */
import type { Entry } from '../types';

export default [
  { route: 'routes/members._index', cases: [{ path: () => '/members', get: { visitor: 'login', outsider: 200, steward: 200 } }, { name: 'search for a phone number', path: () => '/members?q=900111', get: { outsider: 200 } }] },
  { route: 'routes/members.matches', cases: [{ path: () => '/members/matches', get: { visitor: 'login', outsider: 200 } }] },
  {
    route: 'routes/members.$id',
    cases: [
      {
        name: 'a public profile with hidden contact details',
        path: (w) => `/members/${w.people.amina}`,
        get: { visitor: 200, outsider: 200, right: 200, steward: 200 },
        post: [
          { name: 'block', body: () => ({ intent: 'block' }), expect: { visitor: 'login' } },
          { name: 'block oneself', body: () => ({ intent: 'block' }), expect: { right: 403 } },
          { name: 'invite to an organisation one does not lead', body: (w) => ({ intent: 'invite', orgId: w.ids.orgId }), expect: { outsider: 403, steward: 403 } },
        ],
      },
      // Signed-out visitors are sent to sign in (a WhatsApp-shared link, issue 13.2) whether or not the member
      // exists or shows a public profile, so the redirect tells a stranger nothing.
      { name: 'a members-only profile', path: (w) => `/members/${w.people.bilal}`, right: 'bilal', get: { visitor: 'login', outsider: 200, right: 200, steward: 200 } },
      { name: 'no such member', path: () => '/members/nobody-here', get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/members.$id_.photo',
    cases: [
      { name: 'the photo of a members-only profile', path: (w) => `/members/${w.people.bilal}/photo`, right: 'bilal', get: { visitor: 404, outsider: 200, right: 200, steward: 200 } },
      { name: 'a member without a photo', path: (w) => `/members/${w.people.ioana}/photo`, get: { visitor: 404, outsider: 404 } },
    ],
  },
  { route: 'routes/orgs._index', cases: [{ path: () => '/orgs', get: { visitor: 'login', outsider: 200 } }] },
  { route: 'routes/orgs.new', cases: [{ path: () => '/orgs/new', get: { visitor: 'login', outsider: 200 } }] },
  {
    route: 'routes/orgs.$slug._index',
    cases: [
      {
        path: (w) => `/orgs/${w.ids.org}`,
        get: { outsider: 200, right: 200, steward: 200 },
        post: [
          { name: 'a non-lead removes the lead', body: (w) => ({ intent: 'remove', userId: w.people.amina }), expect: { visitor: 'login', outsider: 403, steward: 403 } },
          { name: 'a non-lead adds a grant', body: () => ({ intent: 'grant', funder: 'Fake Fund', amount: '1000' }), expect: { outsider: 403, steward: 403 } },
          { name: 'a stranger leaves it', body: () => ({ intent: 'leave' }), expect: { outsider: 404 } },
        ],
      },
    ],
  },
  {
    route: 'routes/orgs.$slug.edit',
    cases: [
      {
        path: (w) => `/orgs/${w.ids.org}/edit`,
        get: { visitor: 'login', outsider: 403, right: 200, steward: 403 },
        post: [{ name: 'a non-lead renames the organisation', body: () => ({ name: 'Taken over', description: 'x', legalForm: 'other' }), expect: { visitor: 'login', outsider: 403 } }],
      },
    ],
  },
  { route: 'routes/projects', cases: [{ path: () => '/projects', get: { visitor: 200, outsider: 200 } }] },
  { route: 'routes/conversations._index', cases: [{ path: () => '/conversations', get: { visitor: 'login', outsider: 200, right: 200 } }] },
  {
    route: 'routes/conversations.$id',
    cases: [
      {
        name: 'someone else’s conversation',
        path: (w) => `/conversations/${w.ids.conversation}`,
        get: { visitor: 'login', outsider: 404, right: 200, steward: 404 },
        post: [
          { name: 'reply into someone else’s conversation', body: () => ({ intent: 'reply', body: 'hello' }), expect: { visitor: 'login', outsider: 404, steward: 404 } },
          { name: 'delete someone else’s conversation', body: () => ({ intent: 'delete' }), expect: { outsider: 404, steward: 404 } },
        ],
      },
    ],
  },
] satisfies Entry[];
