import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a narrow phone instead of widening the page. The scroll region is
 * focusable and named, so it can be reached and scrolled by keyboard (axe scrollable-region-focusable);
 * the caption names the table for screen readers.
 */
export function TableRegion({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="table-wrap" tabIndex={0} role="region" aria-label={label}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        {children}
      </table>
    </div>
  );
}
