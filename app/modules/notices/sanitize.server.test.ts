import { describe, expect, it } from 'vitest';
import { descriptionToHtml, sanitizeDescriptionHtml } from './sanitize.server';

/** A corpus of XSS payloads: none may leave a script, handler, style or non-http(s)/mailto link. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle /></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="JaVaScRiPt:alert(1)">click</a>',
  '<a href="  javascript:alert(1)">click</a>',
  '<a href="java&#x09;script:alert(1)">click</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<style>body{display:none}</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<div onclick="alert(1)">x</div>',
  '<body onload=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="https://evil.example"><input name=x><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<a href="https://ok.example" onmouseover="alert(1)" target="_blank">ok</a>',
  '"><script>alert(1)</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<scr<script>ipt>alert(1)</script>',
  '<a href="https://ok.example">ok</a><!--<script>alert(1)</script>-->',
];

function assertClean(html: string) {
  expect(html).not.toMatch(/<script|<style|<iframe|<img|<svg|<object|<embed|<form|<input|<meta|<base|<body|<div|<math|<template/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/style=/i);
  for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:)/);
}

describe('description sanitising', () => {
  for (const payload of PAYLOADS) {
    it(`neutralises ${payload.slice(0, 50)}`, () => {
      assertClean(sanitizeDescriptionHtml(payload));
      assertClean(descriptionToHtml(payload));
      assertClean(descriptionToHtml(`Some text\n\n${payload}\n\n- item ${payload}`));
    });
  }

  it('keeps paragraphs, lists, links, bold and italic, and marks links nofollow', () => {
    const html = descriptionToHtml('First **bold** and *italic*.\nSecond line\n\n- one\n- two\n\n1. a\n2. b\n\nSee https://example.org/grants. Or mail <a href="mailto:a@example.org">us</a>');
    expect(html).toContain('<p>First <strong>bold</strong> and <em>italic</em>.<br />Second line</p>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>a</li><li>b</li></ol>');
    expect(html).toContain('<a href="mailto:a@example.org" rel="noopener noreferrer nofollow">us</a>');
  });

  it('links bare web addresses without the trailing full stop', () => {
    const html = descriptionToHtml('Apply at https://example.org/apply?x=1&y=2.');
    expect(html).toBe('<p>Apply at <a href="https://example.org/apply?x=1&amp;y=2" rel="noopener noreferrer nofollow">https://example.org/apply?x=1&amp;y=2</a>.</p>');
  });

  it('escapes text that looks like markup but is not allowed', () => {
    expect(descriptionToHtml('5 < 6 & 7 > 3')).toBe('<p>5 &lt; 6 &amp; 7 &gt; 3</p>');
  });
});
