/** The noticeboard: members-only notices 404 to visitors, public ones are readable by all. */
import type { Entry } from '../types';

export default [
  { route: 'routes/notices._index', cases: [{ path: () => '/notices', get: { visitor: 200, outsider: 200 } }] },
  { route: 'routes/notices.new', cases: [{ path: () => '/notices/new', get: { visitor: 'login', outsider: 200 } }] },
  { route: 'routes/notices.digest', cases: [{ path: () => '/notices/digest', get: { visitor: 'login', outsider: 200 } }] },
  {
    route: 'routes/notices.$id._index',
    cases: [
      { name: 'a members-only notice', path: (w) => `/notices/${w.ids.notice}`, right: 'kwame', get: { outsider: 200, right: 200, steward: 200 } },
      { name: 'a public notice', path: (w) => `/notices/${w.ids.publicNotice}`, get: { visitor: 200, outsider: 200 } },
      // Visitors sign in first (issue 13.2), hidden or not, so the redirect tells them nothing.
      { name: 'a hidden notice', path: (w) => `/notices/${w.ids.hiddenNotice}`, right: 'amina', get: { visitor: 'login', outsider: 404, right: 200, steward: 200 } },
    ],
  },
  {
    route: 'routes/notices.$id.edit',
    cases: [{ path: (w) => `/notices/${w.ids.notice}/edit`, right: 'kwame', get: { visitor: 'login', outsider: 403, right: 200 }, post: [{ name: 'a stranger edits it', body: () => ({ title: 'hijacked' }), expect: { outsider: 403 } }] }],
  },
  { route: 'routes/notices.$id.file', cases: [{ path: (w) => `/notices/${w.ids.notice}/file`, right: 'kwame' }] },
  { route: 'routes/notices.$id.files.$fileId', cases: [{ path: (w) => `/notices/${w.ids.notice}/files/${w.ids.noticeFile}`, right: 'kwame', get: { outsider: 200, right: 200 } }] },
  { route: 'routes/notices.$id.ics', cases: [{ path: (w) => `/notices/${w.ids.notice}.ics`, right: 'kwame' }, { name: 'a hidden notice', path: (w) => `/notices/${w.ids.hiddenNotice}/ics`, get: { visitor: 404, outsider: 404 } }] },
] satisfies Entry[];
