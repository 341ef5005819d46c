import type { TFunction } from 'i18next';
import { languageName } from '~/modules/members/reference';
import { isBaseTag } from './themes';
import type { MatchReason } from './ranking';

/** Label of a tag: built-in tags are translated, member-added ones show the label they typed. */
export function tagLabel(t: TFunction, slug: string, customLabels?: Record<string, string>): string {
  if (isBaseTag(slug)) return t(`directory.tags.${slug}`);
  return customLabels?.[slug] ?? slug.replace(/-/g, ' ');
}

/** One reason as a phrase in the reader's language. */
export function reasonText(t: TFunction, reason: MatchReason, locale: string, customLabels?: Record<string, string>): string {
  const v: Record<string, string | number> = { ...reason.values };
  if (typeof v.tag === 'string') v.tag = tagLabel(t, v.tag, customLabels);
  if (typeof v.theme === 'string') v.theme = t(`directory.themes.${v.theme}`);
  if (typeof v.city === 'string') v.city = t(`common.cities.${v.city}`);
  if (typeof v.language === 'string') v.language = languageName(v.language, locale);
  return t(reason.key, v);
}

/** All reasons as one plain sentence: "Offers bid writing, which you are looking for · also in Coventry". */
export function reasonSentence(t: TFunction, reasons: MatchReason[], locale: string, customLabels?: Record<string, string>): string {
  return reasons.map((r) => reasonText(t, r, locale, customLabels)).join(' · ');
}
