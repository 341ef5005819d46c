import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { rulesDoc, type Inline } from '~/modules/governance/rules-doc.server';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'How votes are counted · NOMI Workspace' }];

/** "How was this counted?": the counting and resolution rules, from docs/governance-rules.md. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json(rulesDoc());
}

function Text({ inline }: { inline: Inline[] }) {
  return (
    <>
      {inline.map((s, i) => (s.style === 'strong' ? <strong key={i}>{s.text}</strong> : s.style === 'em' ? <em key={i}>{s.text}</em> : s.style === 'code' ? <code key={i}>{s.text}</code> : <span key={i}>{s.text}</span>))}
    </>
  );
}

export default function GovernanceRules() {
  const { t } = useTranslation();
  const { blocks } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('governance.rules.title')} lead={t('governance.rules.lead')} />
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      {/* The rules quote the Companies Act 2006 and SSI 2007/42, which exist in English only. */}
      <div className="prose" lang="en" dir="ltr">
        {blocks.map((b, i) =>
          b.type === 'h2' ? (
            <h2 key={i} id={b.id}>
              <Text inline={b.inline} />
            </h2>
          ) : b.type === 'p' ? (
            <p key={i}>
              <Text inline={b.inline} />
            </p>
          ) : (
            <ul key={i}>
              {b.items.map((it, j) => (
                <li key={j}>
                  <Text inline={it} />
                </li>
              ))}
            </ul>
          ),
        )}
      </div>
    </>
  );
}
