/**
 * The areas shown in the main navigation. Each area adds its entry when it lands, so the menu never
 * links to a page that does not exist.
 */
export interface NavArea {
  to: string;
  /** i18n key of the label. */
  label: string;
  audience: 'member' | 'steward';
}

export const NAV_AREAS: NavArea[] = [
  { to: '/', label: 'common.nav.home', audience: 'member' },
  { to: '/members', label: 'directory.nav', audience: 'member' },
  { to: '/notices', label: 'notices.nav', audience: 'member' },
  { to: '/mentoring', label: 'mentoring.nav', audience: 'member' },
  { to: '/bids', label: 'bids.nav', audience: 'member' },
  { to: '/governance', label: 'governance.nav', audience: 'member' },
  { to: '/funds', label: 'funding.nav', audience: 'member' },
  { to: '/admin', label: 'common.nav.admin', audience: 'steward' },
];
