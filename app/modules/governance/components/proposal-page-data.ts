import type { SerializeFrom } from '@remix-run/node';
import type { loadProposalPage } from '../proposal-page.server';

/** The proposal page's loader data as the components receive it (type only: nothing server-side ships). */
export type ProposalPageData = SerializeFrom<typeof loadProposalPage>;
