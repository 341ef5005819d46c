/** Mentoring: a mentorship is its mentor's and mentee's; stewards see aggregates, never notes. */
import type { Entry } from '../types';

export default [
  { route: 'routes/mentoring._index', cases: [{ path: () => '/mentoring', get: { visitor: 'login', outsider: 200, right: 200 } }] },
  { route: 'routes/mentoring.new', cases: [{ path: () => '/mentoring/new', get: { visitor: 'login', outsider: 200 } }] },
  { route: 'routes/mentoring.pair', cases: [{ path: () => '/mentoring/pair', get: { visitor: 'login', outsider: 403, steward: 200 } }] },
  { route: 'routes/mentoring.record', cases: [{ path: () => '/mentoring/record', get: { visitor: 'login', right: 200 } }] },
  { route: 'routes/mentoring.record[.]csv', cases: [{ path: () => '/mentoring/record.csv', get: { visitor: 'login', right: 200 } }] },
  { route: 'routes/mentoring.report', cases: [{ path: () => '/mentoring/report', get: { visitor: 'login', outsider: 403, steward: 200 } }] },
  { route: 'routes/mentoring.report[.]csv', cases: [{ path: () => '/mentoring/report.csv', get: { visitor: 'login', outsider: 403, steward: 200 } }] },
  {
    route: 'routes/mentoring.$id._index',
    cases: [{ path: (w) => `/mentoring/${w.ids.mentorship}`, get: { visitor: 'login', outsider: 404, right: 200 }, post: [{ name: 'a stranger closes it', body: () => ({ intent: 'close' }), expect: { outsider: 404 } }] }],
  },
  { route: 'routes/mentoring.$id.log', cases: [{ path: (w) => `/mentoring/${w.ids.mentorship}/log`, get: { visitor: 'login', outsider: 404, right: 200 } }] },
  {
    route: 'routes/mentoring.$id.sessions.$sessionId',
    cases: [{ path: (w) => `/mentoring/${w.ids.mentorship}/sessions/${w.ids.mentoringSession}`, get: { visitor: 'login', outsider: 404, right: 200 } }],
  },
] satisfies Entry[];
