import { OFFLINE_DOCUMENT_HEADER, OFFLINE_MEMBER_HEADER } from '~/modules/collab/offline-pages';

/**
 * Headers of the bid draft page (issue 12.2). `private`: only this browser may keep it (never a shared
 * cache); `no-cache`: always asked for again while online. The two X-Offline headers let the service
 * worker keep it for this member (and forget it when another member signs in on the phone, or when
 * this document's access is lost). Only sent to a member the bid's loader has already authorised.
 */
export function offlineCopyHeaders(userId: string, documentId: string | null): HeadersInit {
  const headers: Record<string, string> = { 'Cache-Control': 'private, no-cache' };
  if (documentId) {
    headers[OFFLINE_MEMBER_HEADER] = userId;
    headers[OFFLINE_DOCUMENT_HEADER] = documentId;
  }
  return headers;
}
