/** Joint bids: only partners know a bid exists (404 to everyone else, stewards included). */
import type { Entry } from '../types';

const partnersOnly = { visitor: 'login', outsider: 404, right: 200, steward: 404 } as const;
const bid = (sub = '') => (w: { ids: { bid: string } }) => `/bids/${w.ids.bid}${sub}`;

export default [
  { route: 'routes/bids._index', cases: [{ path: () => '/bids', get: { visitor: 'login', outsider: 200, right: 200 } }] },
  { route: 'routes/bids.new', cases: [{ path: () => '/bids/new', get: { visitor: 'login', outsider: 200 } }] },
  { route: 'routes/bids.$id', cases: [{ path: bid(), get: partnersOnly }] },
  { route: 'routes/bids.$id._index', cases: [{ path: bid('/'), get: partnersOnly }] },
  {
    route: 'routes/bids.$id.partners',
    cases: [{ path: bid('/partners'), get: partnersOnly, post: [{ name: 'a stranger removes a partner', body: (w) => ({ intent: 'remove', partnerId: w.people.bilal }), expect: { visitor: 'login', outsider: 404, steward: 404 } }] }],
  },
  { route: 'routes/bids.$id.sections', cases: [{ path: bid('/sections'), get: partnersOnly, post: [{ name: 'a stranger adds a section', body: () => ({ intent: 'add', title: 'x' }), expect: { outsider: 404, steward: 404 } }] }] },
  { route: 'routes/bids.$id.settings', cases: [{ path: bid('/settings'), get: partnersOnly }, { name: 'a partner who is not lead', path: bid('/settings'), right: 'bilal', get: { right: 403 } }] },
  { route: 'routes/bids.$id.tasks', cases: [{ path: bid('/tasks'), get: partnersOnly }] },
  { route: 'routes/bids.$id.files', cases: [{ path: bid('/files'), get: partnersOnly }] },
  { route: 'routes/bids.$id.files.$fileId', cases: [{ path: (w) => `/bids/${w.ids.bid}/files/${w.ids.bidFile}`, get: partnersOnly }] },
] satisfies Entry[];
