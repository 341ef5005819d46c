import { useTranslation } from '~/modules/i18n/react';

/** Shapes of compareVersions() (history.server.ts), as JSON. */
export interface AttributedPartView {
  kind: 'same' | 'added' | 'removed';
  text: string;
  by: string | null;
}
export interface PersonView {
  id: string;
  name: string;
}

/** Six looks, each a colour *and* an underline style, so colour is never the only cue (WCAG 1.4.1). */
export const PERSON_LOOKS = 6;
export const lookOf = (people: PersonView[], id: string | null) => {
  const i = id ? people.findIndex((p) => p.id === id) : -1;
  return i < 0 ? 'collab-who--unknown' : `collab-who--${i % PERSON_LOOKS}`;
};

/** Who changed what: each person's colour, underline and name, as the changes below show them. */
export function AttributionLegend({ people }: { people: PersonView[] }) {
  const { t } = useTranslation();
  if (!people.length) return null;
  return (
    <div className="collab-legend">
      <h3 id="legend-title" className="h4">
        {t('collab.attribution.legendTitle')}
      </h3>
      <p className="meta">{t('collab.attribution.legendHint')}</p>
      <ul aria-labelledby="legend-title">
        {people.map((p) => (
          <li key={p.id}>
            <ins className={lookOf(people, p.id)}>
              <span className="collab-who__name" dir="auto">
                {p.name}
              </span>
            </ins>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One field's changes. Every change starts with its author's name: visible as a small label, and
 * read out by screen readers as "added by Alice: …" / "removed by Bilal: …".
 */
export function AttributedDiff({ parts, people }: { parts: AttributedPartView[]; people: PersonView[] }) {
  const { t } = useTranslation();
  const nameOf = (id: string | null) => (id ? people.find((p) => p.id === id)?.name : undefined);
  return (
    <p className="collab-diff" dir="auto">
      {parts.map((p, i) => {
        if (p.kind === 'same') return <span key={i}>{p.text}</span>;
        const name = nameOf(p.by);
        const said = name
          ? t(p.kind === 'added' ? 'collab.attribution.addedBy' : 'collab.attribution.removedBy', { name })
          : t(p.kind === 'added' ? 'collab.history.addedMarker' : 'collab.history.removedMarker');
        const Tag = p.kind === 'added' ? 'ins' : 'del';
        return (
          <Tag key={i} className={lookOf(people, p.by)}>
            <span className="visually-hidden">{said}</span>
            {name ? (
              <span className="collab-who__label" aria-hidden="true" dir="auto">
                {name}
              </span>
            ) : null}
            {p.text}
          </Tag>
        );
      })}
    </p>
  );
}
