import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireUser } from '~/modules/auth/session.server';
import { awardLetter, awardLetterPdf } from '~/modules/funding/award-letter.server';

/** The award letter as a PDF, in the lead applicant's language and in English: same access as the letter page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { letter } = await awardLetter(user, params.appId!);
  const pdf = await awardLetterPdf(letter);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="award-letter-${letter.reference.toLowerCase()}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
