/**
 * Who may do what with a collaborative document is decided by the area that owns it (its "kind"):
 * bids register a resolver for kind 'bid', governance for its papers. The collab module never stores
 * rights itself. Registrations live in ./access-registry.server.ts, imported by the websocket server
 * and the collab routes so both apply the same rules.
 */
import type { DocumentAccess } from './access';

export type { DocumentAccess };
export { canEdit, canComment } from './access';
export type AccessResolver = (subjectId: string, userId: string) => Promise<DocumentAccess | null>;
export type OutlineResolver = (subjectId: string) => Promise<Array<{ name: string; heading: string }>>;
export type MembersResolver = (subjectId: string) => Promise<string[]>;
/** Where the document is shown to members (e.g. `/bids/<id>`), for links in notifications and pages. */
export type LinkResolver = (subjectId: string) => Promise<string>;

interface KindRules {
  access?: AccessResolver;
  outline?: OutlineResolver;
  members?: MembersResolver;
  link?: LinkResolver;
}

// Shared across the two module graphs in one process (the tsx server and the Remix build).
const holder = globalThis as unknown as { __nomiCollabKinds?: Map<string, KindRules> };
const kinds = (holder.__nomiCollabKinds ??= new Map<string, KindRules>());

function rules(kind: string): KindRules {
  let r = kinds.get(kind);
  if (!r) {
    r = {};
    kinds.set(kind, r);
  }
  return r;
}

export function registerDocumentAccess(kind: string, resolver: AccessResolver): void {
  rules(kind).access = resolver;
}

/** The fields (in order) and headings of a kind's documents, for export and history; never from the query string. */
export function registerDocumentOutline(kind: string, resolver: OutlineResolver): void {
  rules(kind).outline = resolver;
}

/** Everyone who should hear about comments on a subject's document. */
export function registerDocumentMembers(kind: string, resolver: MembersResolver): void {
  rules(kind).members = resolver;
}

/** The page that shows a subject's document (defaults to /documents/<id>/history). */
export function registerDocumentLink(kind: string, resolver: LinkResolver): void {
  rules(kind).link = resolver;
}

export async function resolveAccess(kind: string, subjectId: string, userId: string): Promise<DocumentAccess | null> {
  const resolver = kinds.get(kind)?.access;
  if (!resolver) return null; // unknown kinds are closed to everyone
  const access = await resolver(subjectId, userId);
  return access === 'edit' || access === 'comment' || access === 'read' ? access : null;
}

export async function resolveOutline(kind: string, subjectId: string): Promise<Array<{ name: string; heading: string }>> {
  const resolver = kinds.get(kind)?.outline;
  return resolver ? resolver(subjectId) : [];
}

export async function resolveMembers(kind: string, subjectId: string): Promise<string[]> {
  const resolver = kinds.get(kind)?.members;
  return resolver ? resolver(subjectId) : [];
}

export async function resolveLink(kind: string, subjectId: string): Promise<string | null> {
  const resolver = kinds.get(kind)?.link;
  return resolver ? resolver(subjectId) : null;
}

// ---------------------------------------------------------------- export cover (issue 12.6)

/** What a funder reads first: a few facts, then tables (partners, budget, word counts). Plain text only. */
export interface ExportCover {
  facts: Array<{ label: string; value: string }>;
  tables: Array<{ title: string; head: string[]; rows: string[][]; foot?: string[]; note?: string }>;
}
export type CoverResolver = (subjectId: string, options: { t: (key: string, values?: Record<string, unknown>) => string; locale: string; documentId: string }) => Promise<ExportCover | null>;

const covers = ((globalThis as unknown as { __nomiCollabCovers?: Map<string, CoverResolver> }).__nomiCollabCovers ??= new Map());

/** The cover page a kind's exports start with (bids: title, funder, deadline, amount, partners, budget, word counts). */
export function registerDocumentCover(kind: string, resolver: CoverResolver): void {
  covers.set(kind, resolver);
}

export async function resolveCover(kind: string, subjectId: string, options: Parameters<CoverResolver>[1]): Promise<ExportCover | null> {
  const resolver = covers.get(kind);
  return resolver ? resolver(subjectId, options) : null;
}
