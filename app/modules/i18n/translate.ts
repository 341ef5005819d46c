import { DEFAULT_LOCALE } from './config';

/** A nested catalogue (the same shape as parts.ts's Tree, kept here so pages do not import the parts map). */
export type Tree = { [key: string]: string | Tree };

/**
 * The browser's translator (docs/decisions/0005-client-translator.md): `t(key, options)` over a nested
 * catalogue, resolving exactly as i18next v23 does with our settings (i18nBase: one namespace, `.` key
 * separator, `{{var}}` interpolation without escaping, skipOnVariables, plurals by Intl.PluralRules with
 * the `_zero` lookup for a count of 0, falling back to English plural rules, returnObjects). Pure: no
 * i18next in the page's JavaScript. translate.test.ts compares it with i18next for every key.
 */
export type TOptions = Record<string, unknown> & { count?: number; returnObjects?: boolean; defaultValue?: string };
export type Translate = (key: string | string[], options?: TOptions) => string;

type Node = string | Tree | undefined;

const rules = new Map<string, Intl.PluralRules>();
function pluralSuffix(lng: string, count: number): string {
  let rule = rules.get(lng);
  if (!rule) {
    try {
      rule = new Intl.PluralRules(lng, { type: 'cardinal' });
    } catch {
      rule = new Intl.PluralRules(DEFAULT_LOCALE, { type: 'cardinal' });
    }
    rules.set(lng, rule);
  }
  return `_${rule.select(count)}`;
}

/** i18next's deepFind: nested lookup that also accepts keys holding dots. */
function deepFind(obj: Tree, path: string): Node {
  if (obj[path]) return obj[path];
  const tokens = path.split('.');
  let current: Node = obj;
  for (let i = 0; i < tokens.length; ) {
    if (!current || typeof current !== 'object') return undefined;
    let next: Node;
    let nextPath = '';
    let j = i;
    for (; j < tokens.length; ++j) {
      if (j !== i) nextPath += '.';
      nextPath += tokens[j];
      next = (current as Tree)[nextPath];
      if (next !== undefined) {
        if (typeof next === 'string' && j < tokens.length - 1) continue;
        i += j - i + 1;
        break;
      }
    }
    if (j === tokens.length && next === undefined) return undefined;
    current = next;
  }
  return current;
}

function getPath(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const part of path.split('.')) {
    if (node === null || node === undefined || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function lookup(tree: Tree, key: string): Node {
  const direct = getPath(tree, key);
  if (direct !== undefined) return direct as Node;
  return deepFind(tree, key);
}

function interpolateWith(re: RegExp, str: string, data: Record<string, unknown>): string {
  let replaces = 0;
  return str.replace(re, (whole: string, name: string) => {
    if (replaces >= 1000) return whole;
    const v = name.trim();
    let value = getPath(data, v);
    if (!value && typeof value !== 'number') {
      const found = deepFind(data as Tree, v);
      if (found !== undefined) value = found;
    }
    if (value === undefined) {
      if (Object.prototype.hasOwnProperty.call(data, v)) value = '';
      else return whole;
    }
    replaces++;
    return typeof value === 'string' ? value : value === null ? '' : String(value as string);
  });
}

/** `{{- name}}` then `{{name}}`, never escaped (React escapes), unknown names left as written. */
export function interpolate(str: string, data: Record<string, unknown> = {}): string {
  if (!str.includes('{{')) return str;
  return interpolateWith(/\{\{(.+?)\}\}/g, interpolateWith(/\{\{-(.+?)\}\}/g, str, data), data);
}

export function createTranslator(tree: Tree, lng: string): Translate {
  const codes = lng === DEFAULT_LOCALE ? [lng] : [lng, DEFAULT_LOCALE];

  function resolve(keys: string[], options: TOptions): { res: Node; key: string; exact: string } {
    const count = options.count;
    const plural = count !== undefined && typeof count !== 'string';
    let last = keys[keys.length - 1] ?? '';
    for (const key of keys) {
      last = key;
      for (const code of codes) {
        const finalKeys = [key];
        if (plural) {
          finalKeys.push(key + pluralSuffix(code, count));
          if (count === 0) finalKeys.push(`${key}_zero`);
        }
        for (let i = finalKeys.length - 1; i >= 0; i--) {
          const res = lookup(tree, finalKeys[i]!);
          if (res !== undefined && res !== null) return { res, key, exact: finalKeys[i]! };
        }
      }
    }
    return { res: undefined, key: last, exact: last };
  }

  function translate(keys: string | string[], options: TOptions = {}): unknown {
    const list = Array.isArray(keys) ? keys : [keys];
    const { res, key, exact } = resolve(list, options);
    if (res !== undefined && typeof res === 'object') {
      if (!options.returnObjects) return `key '${key} (${lng})' returned an object instead of string.`;
      const base = Array.isArray(res) ? exact : key;
      const copy: Record<string, unknown> | unknown[] = Array.isArray(res) ? [] : {};
      for (const m of Object.keys(res)) {
        const deepKey = `${base}.${m}`;
        let v = translate(deepKey, options);
        if (v === deepKey) v = (res as Tree)[m];
        (copy as Record<string, unknown>)[m] = v;
      }
      return copy;
    }
    let out: string;
    if (res !== undefined) out = res;
    else if (options.defaultValue !== undefined && options.defaultValue !== '') out = options.defaultValue;
    else out = key;
    return interpolate(out, options);
  }

  return translate as Translate;
}
