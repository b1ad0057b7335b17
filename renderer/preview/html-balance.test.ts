import { describe, expect, it } from 'vitest';
import { isSelfContained } from './html-balance';

describe('isSelfContained', () => {
  it.each([
    ['<p data-source-line="1">Text with <em>emphasis</em> &amp; <code>a &lt; b</code></p>\n'],
    ['<ul>\n<li>one</li>\n<li>two <input type="checkbox" disabled></li>\n</ul>\n'],
    ['<p><img src="a.png" alt="a > b"><br></p>\n'],
    ['<div class="note">\n<p>inside</p>\n</div>\n'],
    ['<!-- a comment with <div> in it -->\n'],
    ['<svg width="10"><circle r="4"/><path d="M0 0"/></svg>\n'],
    ['<script>if (a < b) document.write("</div>")</script>\n'],
    ['<p title=\'single "quoted" >\'>x</p>'],
    ['<p>a</p>\n</>'],
    [''],
  ])('accepts %j: it closes all it opens', (html) => {
    expect(isSelfContained(html)).toBe(true);
  });

  it.each([
    ['<div>\n'],
    ['</div>\n'],
    ['<p>Unclosed <b>bold</p>\n'],
    ['<p><b>misnested</p></b>'],
    ['<div/>'],
    ['<!-- runs to the end'],
    ['<!--> <b> -->'],
    ['<textarea>never closed'],
    ['<script><!--<script></script>--></script>'],
    ['<plaintext>'],
    ['<form></form>'],
    ['<select><option>x</option></select>'],
    ['<template><p>x</p></template>'],
    ['<svg><![CDATA[x]]></svg>'],
    ['<p title="unclosed>'],
    ['<p'],
  ])('refuses %j: it leaves the parser in another state', (html) => {
    expect(isSelfContained(html)).toBe(false);
  });
});
