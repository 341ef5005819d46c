import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { answerMedia } from '~/modules/funding/answer-media.server';
import { serveFile } from '~/modules/uploads/uploads.server';

/**
 * A recorded answer of an application, for the page's player: only for those who may see the
 * application (anyone else, or an answer without a recording: 404). Never cached beyond the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await answerMedia(user, params.appId!, params.questionId!);
  return serveFile(request, file);
}
