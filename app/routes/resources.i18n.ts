import type { LoaderFunctionArgs } from '@remix-run/node';
import { isLocale } from '~/modules/i18n/config';
import { normalizeParts } from '~/modules/i18n/parts';
import { catalogues, serializedParts } from '~/modules/i18n/resources.server';

/**
 * Parts of a language's catalogue for a client-side navigation (docs/decisions/0004): public texts
 * only, so no sign-in. `v` is the catalogue version the page was built with; when it matches, the
 * answer never changes and can be cached for good.
 */
export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lng = url.searchParams.get('lng');
  const raw = (url.searchParams.get('parts') ?? '').slice(0, 2000).split(',');
  const parts = normalizeParts(raw.filter((p) => /^[a-zA-Z][\w-]*(\.[\w-]+)*$/.test(p))).slice(0, 60);
  if (!isLocale(lng) || !parts.length) return new Response('Bad request', { status: 400 });
  const current = catalogues().version === url.searchParams.get('v');
  // A public endpoint: stitched from the per-part cache without caching this combination, so
  // visitors cannot fill memory with made-up sets of parts (unknown parts are simply left out).
  return new Response(serializedParts(lng, parts, { cache: false }), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': current ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  });
}
