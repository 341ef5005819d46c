import { describe, expect, it } from 'vitest';
import { BID_PAGE_PATH, keepable, OFFLINE_MEMBER_HEADER } from './offline-pages';
import { offlineCopyHeaders } from '../bids/offline.server';

const page = (headers: Record<string, string>, status = 200) => new Response('<html></html>', { status, headers });

describe('what the service worker may keep (issue 12.2)', () => {
  it('keeps the bid draft page as the server sends it to a member', () => {
    expect(keepable(page(offlineCopyHeaders('member-1', 'doc-1') as Record<string, string>))).toBe(true);
  });

  it('keeps nothing the server did not mark for this member', () => {
    expect(keepable(page({ 'Cache-Control': 'private, no-cache' }))).toBe(false);
    // A bid without a draft document: the page is not marked for offline use.
    expect(keepable(page(offlineCopyHeaders('member-1', null) as Record<string, string>))).toBe(false);
  });

  it('respects Cache-Control: only private answers, never no-store', () => {
    expect(keepable(page({ [OFFLINE_MEMBER_HEADER]: 'm', 'Cache-Control': 'public, max-age=60' }))).toBe(false);
    expect(keepable(page({ [OFFLINE_MEMBER_HEADER]: 'm' }))).toBe(false);
    expect(keepable(page({ [OFFLINE_MEMBER_HEADER]: 'm', 'Cache-Control': 'private, no-store' }))).toBe(false);
  });

  it('keeps no error page, redirect or not-found answer', () => {
    for (const status of [301, 302, 403, 404, 500]) expect(keepable(page({ [OFFLINE_MEMBER_HEADER]: 'm', 'Cache-Control': 'private' }, status))).toBe(false);
  });

  it('matches the bid draft page only, not its sub-pages or data requests', () => {
    expect(BID_PAGE_PATH.test('/bids/abc_123')).toBe(true);
    expect(BID_PAGE_PATH.test('/bids/abc/')).toBe(true);
    for (const path of ['/bids', '/bids/new/x', '/bids/abc/partners', '/bids/abc/files/f1', '/documents/abc']) expect(BID_PAGE_PATH.test(path)).toBe(false);
  });
});
