import type { LoaderFunctionArgs } from '@remix-run/node';
import { isLocale } from '~/modules/i18n/config';
import { catalogues, clientCatalogue } from '~/modules/i18n/resources.server';

/** The interface texts for one language, for the browser (cached; the URL carries a version). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const lang = (params.file ?? '').replace(/\.json$/, '');
  if (!isLocale(lang)) throw new Response('Not found', { status: 404 });
  const versioned = new URL(request.url).searchParams.get('v') === catalogues().version;
  return new Response(JSON.stringify({ translation: clientCatalogue(lang) }.translation), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    },
  });
}
