/** Governance: members-only; secret ballots and hidden results stay hidden until the count. */
import type { Entry } from '../types';

const members = { visitor: 'login', outsider: 200, right: 200, steward: 200 } as const;

export default [
  { route: 'routes/governance._index', cases: [{ path: () => '/governance', get: members }] },
  { route: 'routes/governance.rules', cases: [{ path: () => '/governance/rules', get: members }] },
  { route: 'routes/governance.audit', cases: [{ path: () => '/governance/audit', get: { visitor: 'login' } }] },
  { route: 'routes/governance.cic', cases: [{ path: () => '/governance/cic', get: members, post: [{ name: 'a member edits a step', body: () => ({ intent: 'step', key: 'choose_model', status: 'todo' }), expect: { outsider: 403 } }] }] },
  { route: 'routes/governance.decisions._index', cases: [{ path: () => '/governance/decisions', get: members }] },
  { route: 'routes/governance.decisions[.]csv', cases: [{ path: () => '/governance/decisions.csv', get: members }] },
  { route: 'routes/governance.decisions[.]pdf', cases: [{ path: () => '/governance/decisions.pdf', get: members }] },
  { route: 'routes/governance.documents.$key', cases: [{ path: () => '/governance/documents/articles', get: { visitor: 'login' } }] },
  { route: 'routes/governance.groups._index', cases: [{ path: () => '/governance/groups', get: { visitor: 'login' } }] },
  { route: 'routes/governance.groups.$id', cases: [{ path: (w) => `/governance/groups/${w.ids.group}`, get: { visitor: 'login' }, post: [{ name: 'a member adds themself', body: (w) => ({ intent: 'add', userId: w.people.outsider }), expect: { outsider: 403 } }] }] },
  { route: 'routes/governance.new', cases: [{ path: () => '/governance/new', get: { visitor: 'login', outsider: 200 } }] },
  {
    route: 'routes/governance.proposals.$id',
    cases: [
      { name: 'an open public ballot', path: (w) => `/governance/proposals/${w.ids.openProposal}`, get: members },
      { name: 'an open secret ballot with hidden results', path: (w) => `/governance/proposals/${w.ids.secretProposal}`, get: members, post: [{ name: 'a member closes it', body: () => ({ intent: 'close' }), expect: { outsider: 403 } }, { name: 'a member who holds no proxy votes for another (issue 15.5)', body: (w) => ({ intent: 'proxy-vote', voterId: w.people.amina, choice: 'for' }), expect: { outsider: 403, steward: 403 } }] },
      { name: 'a closed decision', path: (w) => `/governance/proposals/${w.ids.closedProposal}`, get: members },
      // fundgov: a seed-fund vote's proposal page sends members to the fund's ballot; governance's own
      // ballot, proxy vote, comment, close and extension are refused for it (ADR 0008), nothing stored.
      {
        name: 'a seed-fund members’ vote (kind fund_vote)',
        path: (w) => `/governance/proposals/${w.ids.fundVoteProposal}`,
        get: { visitor: 'login', outsider: 302, right: 302, steward: 302 },
        post: [
          { name: 'a governance ballot on it', body: () => ({ intent: 'vote', choice: 'for' }), expect: { visitor: 'login', outsider: 403, steward: 403 } },
          { name: 'a comment on it', body: () => ({ intent: 'comment', body: 'hello' }), expect: { outsider: 403 } },
          { name: 'a steward closes it early', body: () => ({ intent: 'close' }), expect: { steward: 403 } },
          { name: 'a steward extends it', body: () => ({ intent: 'extend', days: '3' }), expect: { steward: 403 } },
        ],
      },
    ],
  },
  { route: 'routes/governance.proposals.$id_.files.$fileId', cases: [{ path: (w) => `/governance/proposals/${w.ids.openProposal}/files/${w.ids.proposalFile}`, get: members }] },
  { route: 'routes/governance.proxies', cases: [{ path: () => '/governance/proxies', get: { visitor: 'login', outsider: 200 } }] },
  { route: 'routes/governance.register', cases: [{ path: () => '/governance/register', get: { visitor: 'login' } }] },
  { route: 'routes/governance.register[.]csv', cases: [{ path: () => '/governance/register.csv', get: { visitor: 'login' } }] },
  {
    route: 'routes/resources.governance.$id.tally',
    cases: [
      { name: 'hidden results while the ballot is open', path: (w) => `/resources/governance/${w.ids.secretProposal}/tally`, get: { visitor: 401, outsider: 403, right: 403, steward: 403 } },
      { name: 'a closed decision', path: (w) => `/resources/governance/${w.ids.closedProposal}/tally`, get: { outsider: 200 } },
    ],
  },
] satisfies Entry[];
