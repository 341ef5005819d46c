/**
 * Toolbar pictures. Decorative: every button carries its translated name (aria-label and title), so
 * the pictures need no words and fit six buttons on one row of a 360 px phone in every language.
 */
const svg = { width: 22, height: 22, viewBox: '0 0 24 24', 'aria-hidden': true, focusable: false } as const;

export function BoldIcon() {
  return (
    <svg {...svg}>
      <path d="M7 4h6a4 4 0 0 1 0 8H7zM7 12h7a4 4 0 0 1 0 8H7z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
    </svg>
  );
}

export function ItalicIcon() {
  return (
    <svg {...svg}>
      <path d="M10 4h9M5 20h9M15 4 9 20" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
    </svg>
  );
}

/** Mirrored in right-to-left pages (CSS), where the bullets stand on the right. */
export function BulletListIcon() {
  return (
    <svg {...svg} className="collab-icon-mirror">
      <circle cx="4.5" cy="6" r="1.8" fill="currentColor" />
      <circle cx="4.5" cy="12" r="1.8" fill="currentColor" />
      <circle cx="4.5" cy="18" r="1.8" fill="currentColor" />
      <path d="M9 6h12M9 12h12M9 18h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** In right-to-left pages the numbers move to the right (CSS) without being mirrored themselves. */
export function NumberedListIcon() {
  return (
    <svg {...svg}>
      <g className="collab-icon-numbers">
        <path d="M3.5 4.5 5 3.5v5M3.5 8.5h3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M3.5 13.5a1.5 1.5 0 0 1 3 .4c0 1-3 2.2-3 3.6h3" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
      </g>
      <path className="collab-icon-lines" d="M10 6h11M10 12h11M10 18h11" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

export function CommentIcon() {
  return (
    <svg {...svg}>
      <path d="M4 5h16v11H10l-5 4v-4H4z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M8 9h8M8 12h5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function MoreIcon() {
  return (
    <svg {...svg}>
      <circle cx="5" cy="12" r="2.2" fill="currentColor" />
      <circle cx="12" cy="12" r="2.2" fill="currentColor" />
      <circle cx="19" cy="12" r="2.2" fill="currentColor" />
    </svg>
  );
}
