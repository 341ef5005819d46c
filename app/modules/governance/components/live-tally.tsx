import { useQuery } from '@tanstack/react-query';
import { useTranslation } from '~/modules/i18n/react';
import type { TallyResult } from '../tally';
import { ResultView } from './result-view';
import { LiveQueryProvider } from '~/ui/live-query';

type Props = { proposalId: string; initial: TallyResult; names: Record<string, string> };

/** The running count while voting is open (only when results are not hidden). Polls every 15 s. */
export function LiveTally(props: Props) {
  // TanStack Query is provided here, not in the root, so only pages with live data load it.
  return (
    <LiveQueryProvider>
      <Tally {...props} />
    </LiveQueryProvider>
  );
}

function Tally({ proposalId, initial, names }: Props) {
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['governance', 'tally', proposalId],
    queryFn: async () => {
      const res = await fetch(`/resources/governance/${proposalId}/tally`, { headers: { Accept: 'application/json' } });
      if (!res.ok) return initial;
      return ((await res.json()) as { tally: TallyResult | null }).tally ?? initial;
    },
    initialData: initial,
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
  return (
    <section className="card" aria-labelledby="live-tally">
      <h2 id="live-tally">{t('governance.result.live')}</h2>
      <div aria-live="polite">
        <ResultView result={data} names={names} live />
      </div>
    </section>
  );
}
