/**
 * Where to send someone after signing in or choosing a language. Browsers strip tab, CR and LF from a
 * URL before parsing it and treat `\` as `/`, so `/\t/evil.example` or `/\evil.example` become
 * `//evil.example` — another site. Checking leading characters is not enough: the target is resolved
 * against our own origin exactly as a browser would, and kept only when it stays on it.
 */
const ORIGIN = 'http://nomi.invalid';

// Raw control characters and backslashes, and their percent-encoded forms (harmless in a path, but
// there is no honest reason for them in a sign-in return address).
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const REFUSED = /[\u0000-\u0020\u007f\\]|%(?:[01][0-9a-f]|7f|5c)/i;

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/'): string {
  if (typeof to !== 'string' || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith('/') || REFUSED.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `/a/..//evil.example` normalises to `//evil.example`: a protocol-relative address.
  if (!path.startsWith('/') || path.startsWith('//')) return fallback;
  return path;
}
