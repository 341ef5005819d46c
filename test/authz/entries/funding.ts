/**
 * The seed fund (issue 14). Rounds are seen by members once open (drafts only by stewards); an application
 * by its applicants, the round's panel and stewards; a draft only by its applicant. Someone else's
 * application by URL is a 404, as if it did not exist.
 */
import type { Entry } from '../types';

const members = { visitor: 'login', outsider: 200, right: 200, steward: 200 } as const;

export default [
  {
    route: 'routes/funds._index',
    cases: [{ path: () => '/funds', get: members, post: [{ name: 'a visitor sets a profile flag', body: () => ({ intent: 'livedExperience', value: 'yes' }), expect: { visitor: 'login' } }] }],
  },
  {
    route: 'routes/funds.new',
    cases: [
      {
        path: () => '/funds/new',
        get: { visitor: 'login', outsider: 403, right: 403, steward: 200 },
        post: [{ name: 'a member creates a round', body: () => ({ name: 'My own fund', pot: '100000' }), expect: { visitor: 'login', outsider: 403, right: 403 } }],
      },
    ],
  },
  {
    route: 'routes/funds.$id._index',
    cases: [
      {
        name: 'an open round',
        path: (w) => `/funds/${w.ids.fundRound}`,
        right: 'ioana',
        get: members,
        post: [{ name: 'a member opens a round', body: () => ({ intent: 'open' }), expect: { visitor: 'login', outsider: 403 } }],
      },
      { name: 'no such round', path: () => '/funds/nothing-here', get: { visitor: 'login', outsider: 404, steward: 404 } },
    ],
  },
  {
    route: 'routes/funds.applications.$appId',
    cases: [
      {
        name: 'a submitted application',
        path: (w) => `/funds/applications/${w.ids.fundApplication}`,
        right: 'ioana',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 200 },
        post: [{ name: 'someone else withdraws it', body: () => ({ intent: 'withdraw' }), expect: { visitor: 'login', outsider: 404 } }],
      },
      {
        name: "a member's draft",
        path: (w) => `/funds/applications/${w.ids.fundDraft}`,
        right: 'mariam',
        get: { visitor: 'login', outsider: 404, right: 200, steward: 404 },
      },
    ],
  },
] satisfies Entry[];
