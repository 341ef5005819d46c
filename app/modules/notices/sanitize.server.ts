import sanitizeHtml from 'sanitize-html';

/**
 * Notice descriptions: authors type plain text (blank lines make paragraphs, lines starting "- " or
 * "1. " make lists, **bold**, *italic*, bare web addresses become links) or a tiny subset of HTML.
 * Whatever arrives is turned into HTML and then cleaned by sanitize-html, which keeps only paragraphs,
 * line breaks, lists, bold/italic and http(s)/mailto links. Everything else (scripts, styles, event
 * handlers, other schemes) is dropped.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'a', 'strong', 'b', 'em', 'i'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Drop the content of tags whose text is code, not prose.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'title', 'head'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'a' && !frame.attribs.href,
};
// `rel` is set by transformTags after filtering; allow it through for anchors only.
OPTIONS.allowedAttributes = { a: ['href', 'rel'] };

/** Cleans HTML to the allowed subset. Safe to call on anything. */
export function sanitizeDescriptionHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+/gi;

function autolink(text: string): string {
  return text.replace(URL_RE, (match) => {
    const trimmed = match.replace(/[.,;:!?)\]]+$/, '');
    const rest = match.slice(trimmed.length);
    return `<a href="${trimmed}">${trimmed}</a>${rest}`;
  });
}

function inline(text: string, link: boolean): string {
  let out = text
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s).,;:!?]|$)/g, '$1<em>$2</em>');
  if (link) out = autolink(out);
  return out;
}

/** Turns what the author typed into clean HTML. */
export function descriptionToHtml(source: string): string {
  const text = source.replace(/\r\n?/g, '\n').trim();
  if (!text) return '';
  // Authors who write their own links do not get automatic linking (it could nest anchors).
  const link = !/<a[\s>]/i.test(text);
  const blocks = text.split(/\n\s*\n/);
  const html = blocks
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
      if (lines.length && lines.every((l) => /^[-*•]\s+/.test(l))) {
        return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^[-*•]\s+/, ''), link)}</li>`).join('')}</ul>`;
      }
      if (lines.length && lines.every((l) => /^\d+[.)]\s+/.test(l))) {
        return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\d+[.)]\s+/, ''), link)}</li>`).join('')}</ol>`;
      }
      if (/^<(ul|ol|p)[\s>]/i.test(block.trim())) return block;
      return `<p>${lines.map((l) => inline(l, link)).join('<br>')}</p>`;
    })
    .join('');
  return sanitizeDescriptionHtml(html);
}

/** Plain text of a description (for emails and search snippets). */
export function descriptionText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li)>|<br\s*\/?>/gi, ' '), { allowedTags: [], allowedAttributes: {} })
    .replace(/\s+/g, ' ')
    .trim();
}
