import { useTranslation } from '~/modules/i18n/react';
import type { Row } from '../cells';
import { dateTimeFormat } from '~/utils/intl';

/**
 * Hours by month as an inline SVG bar chart. The numbers are also in the table that follows it
 * (the chart's description points there), so the chart is never the only way to read them.
 */
export function HoursChart({ rows, tableId }: { rows: Row[]; tableId: string }) {
  const { t, i18n } = useTranslation();
  const month = dateTimeFormat(i18n.language || 'en', { month: 'short', timeZone: 'UTC' });
  const max = Math.max(1, ...rows.map((r) => r.hours ?? 0));
  const barW = 34;
  const gap = 8;
  const top = 24;
  const height = 160;
  const bottom = 44;
  const width = Math.max(200, rows.length * (barW + gap) + gap);
  return (
    <figure className="mentoring-chart">
      <svg viewBox={`0 0 ${width} ${top + height + bottom}`} role="img" aria-labelledby="hours-chart-title hours-chart-desc" preserveAspectRatio="xMinYMin meet">
        <title id="hours-chart-title">{t('mentoring.report.chartTitle')}</title>
        <desc id="hours-chart-desc">{t('mentoring.report.chartDesc')}</desc>
        <line x1={0} x2={width} y1={top + height} y2={top + height} className="mentoring-chart__axis" />
        {rows.map((r, i) => {
          const x = gap + i * (barW + gap);
          const h = r.hours === null ? 0 : Math.max(2, (r.hours / max) * height);
          const label = month.format(Date.parse(`${r.key}-01T00:00:00Z`));
          return (
            <g key={r.key}>
              {r.hours === null ? (
                <text x={x + barW / 2} y={top + height - 6} textAnchor="middle" className="mentoring-chart__suppressed">
                  {'<5'}
                </text>
              ) : (
                <>
                  <rect x={x} y={top + height - h} width={barW} height={h} className="mentoring-chart__bar" />
                  <text x={x + barW / 2} y={top + height - h - 4} textAnchor="middle" className="mentoring-chart__value">
                    {r.hours}
                  </text>
                </>
              )}
              <text x={x + barW / 2} y={top + height + 18} textAnchor="middle" className="mentoring-chart__label">
                {label}
              </text>
              <text x={x + barW / 2} y={top + height + 36} textAnchor="middle" className="mentoring-chart__label">
                {r.key.slice(2, 4)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <a href={`#${tableId}`}>{t('mentoring.report.chartTable')}</a>
      </figcaption>
    </figure>
  );
}
