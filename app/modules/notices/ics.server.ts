import { createEvent } from 'ics';
import { env } from '~/env.server';
import { parseDetails } from './notices.server';
import { descriptionText } from './sanitize.server';

/** The .ics text for an event notice (times in UTC), or null if the library refuses the data. */
export function eventIcs(n: { id: string; title: string; body_html: string; details: string; starts_at: number | null; ends_at: number | null }): string | null {
  if (!n.starts_at || !n.ends_at) return null;
  const d = parseDetails(n.details);
  const url = `${env.publicUrl}/notices/${n.id}`;
  const { error, value } = createEvent({
    uid: `notice-${n.id}@nomi-workspace`,
    title: n.title,
    description: [decodeEntities(descriptionText(n.body_html)), d.link, url].filter(Boolean).join('\n\n').slice(0, 4000),
    start: n.starts_at,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: n.ends_at,
    endInputType: 'utc',
    endOutputType: 'utc',
    location: d.place ?? d.link ?? undefined,
    // URL is the notice itself (where times, changes and replies are); an online event's own link is
    // its location and is in the description (issue 13.9: it used to replace the notice's address).
    url,
    productId: 'nomi-workspace/notices',
  });
  return error || !value ? null : value;
}

function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
