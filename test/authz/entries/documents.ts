/** Live documents (a bid's text): the bid's partners only. */
import type { Entry } from '../types';

const partnersOnly = { visitor: 'login', outsider: 404, right: 200, steward: 404 } as const;
const doc = (sub: string) => (w: { ids: { bidDocument: string } }) => `/documents/${w.ids.bidDocument}${sub}`;

export default [
  { route: 'routes/documents.$id.access', cases: [{ path: doc('/access'), get: { visitor: 'login', outsider: 404, steward: 404 } }] },
  { route: 'routes/documents.$id.comments', cases: [{ path: doc('/comments'), get: partnersOnly }] },
  { route: 'routes/documents.$id.history', cases: [{ path: doc('/history'), get: partnersOnly }] },
  { route: 'routes/documents.$id.export[.]docx', cases: [{ path: doc('/export.docx'), get: partnersOnly }] },
  { route: 'routes/documents.$id.export[.]pdf', cases: [{ path: doc('/export.pdf'), get: partnersOnly }] },
] satisfies Entry[];
