import { GeneralErrorBoundary } from '~/ui/error-boundary';

// Any unknown address: a friendly 404 in the visitor's language, inside the normal page frame.
export async function loader() {
  throw new Response('Not found', { status: 404 });
}

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
