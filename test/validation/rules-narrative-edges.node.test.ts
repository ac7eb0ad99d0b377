/**
 * Edge cases of the narrative reader's fast paths (entities read by char codes, names looked up
 * in place, only a URL's scheme read, the style check's hint characters): each case is what
 * R4's txt-1/txt-2 and XML say, written so that a shortcut taken too early would fail it.
 */
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_BITS } from '../../packages/core/src/fhir/rules/narrative.ts';
import { errors } from './rules-helpers.ts';

it('every allowed attribute has a bit in the two words of a tag’s seen set', () => {
  expect(ATTRIBUTE_BITS).toBeGreaterThan(30);
  expect(ATTRIBUTE_BITS).toBeLessThanOrEqual(64);
});

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const patient = (div: string) => ({
  resourceType: 'Patient',
  text: { status: 'generated', div },
});
const keys = (div: string) => errors(patient(div)).map((i) => [i.code, i.key]);

describe('narrative XHTML edge cases', () => {
  it.each([
    ['an & at the end of the text', `<div ${NS}>a &</div>`, 'bare &'],
    ['an entity without its ;', `<div ${NS}>a &amp</div>`, 'bare &'],
    ['an & at the end of an attribute value', `<div ${NS}><p title="a&">x</p></div>`, 'bare &'],
    ['eight decimal digits', `<div ${NS}>&#12345678;</div>`, 'bare &'],
    ['seven hexadecimal digits', `<div ${NS}>&#x1234567;</div>`, 'bare &'],
    ['an upper-case X reference', `<div ${NS}>&#X41;</div>`, 'bare &'],
    ['a reference without digits', `<div ${NS}>&#;</div>`, 'bare &'],
    ['a hexadecimal reference without digits', `<div ${NS}>&#xg;</div>`, 'bare &'],
    ['the character reference 0', `<div ${NS}>&#0;</div>`, 'out of range'],
    ['a reference past U+10FFFF', `<div ${NS}>&#x110000;</div>`, 'out of range'],
    ['an entity in the wrong case', `<div ${NS}>&Amp;</div>`, 'unknown entity &Amp;'],
    ['a < inside an attribute value', `<div ${NS}><p title="a<b">x</p></div>`, 'is not closed'],
    ['an unclosed comment', `<div ${NS}>x<!-- y</div>`, 'unclosed comment'],
    ['a closing tag of another case', `<div ${NS}><p>x</P></div>`, '</P> where </p>'],
  ])('rejects malformed XHTML: %s', (_name, div, words) => {
    const found = errors(patient(div));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(words);
    expect(found[0]!.key).toBeUndefined();
  });

  const data = `data:image/png;base64,${'iVBORw0KGgo'.repeat(500)}`;
  it.each([
    ['a data:image/svg+xml src', `<img src="data:image/svg+xml,x" alt=""/>`],
    ['a data:image/png src without ; or ,', `<img src="data:image/pngx" alt=""/>`],
    ['a livescript: href', `<a href="livescript:x">x</a>`],
    ['a javascript: href after a character reference tab', `<a href="java&#9;script:x">x</a>`],
    ['a javascript: href after a new line reference', `<a href="&#x0A;javascript:x">x</a>`],
    ['a javascript: href after tabs and a form feed', `<a href="\t\t\fJaVaScRiPt:x">x</a>`],
    ['a behavior style', `<p style="behavior : url(x.htc)">x</p>`],
    ['an upper-case -moz-binding style', `<p style="-MOZ-BINDING: url(x.xml)">x</p>`],
    ['an @import style', `<p style="@IMPORT 'x.css'">x</p>`],
    ['an expression style with spaces', `<p style="width: EXPRESSION  (1)">x</p>`],
    ['a style URL written by reference', `<p style="background: url(&#106;avascript:x)">x</p>`],
    ['name on a paragraph', `<p name="x">x</p>`],
    ['href on a paragraph', `<p href="https://example.org">x</p>`],
    ['an upper-case element', `<P>x</P>`],
  ])('rejects %s (txt-1)', (_name, body) => {
    expect(keys(`<div ${NS}>${body}</div>`)).toContainEqual(['narrative', 'txt-1']);
  });

  it.each([
    ['case-sensitive entities', `<div ${NS}>&Agrave;&agrave;&Dagger;&dagger;</div>`],
    ['the highest references', `<div ${NS}>&#1114111;&#x10FFFF;</div>`],
    ['text in CDATA only', `<div ${NS}><![CDATA[x]]></div>`],
    ['a long data:image/png src', `<div ${NS}><img src="${data}" alt=""/></div>`],
    [
      'data:image/gif and webp srcs',
      `<div ${NS}><img src="data:image/gif,x" alt=""/><img src="data:image/webp;x" alt=""/></div>`,
    ],
    [
      'a style with only hint letters',
      `<div ${NS}><p style="color: navy; vertical-align: top; z-index: 1">x</p></div>`,
    ],
    ['a style with rgb()', `<div ${NS}><p style="color: rgb(1, 2, 3)">x</p></div>`],
    [
      'alt on an image and hreflang on a link',
      `<div ${NS}><img src="#a" alt="x"/><a href="#b" hreflang="vi">y</a></div>`,
    ],
    ['a closing tag with a space', `<div ${NS}><p>x</p ></div>`],
    ['a comment holding tags and entities', `<div ${NS}><!-- <script> & --><p>x</p></div>`],
  ])('accepts %s', (_name, div) => {
    expect(errors(patient(div))).toEqual([]);
  });

  it.each([
    ['an attribute of one element', `<img src="#a" alt="" alt="x"/>`],
    ['the last allowed attribute', `<img src="#a" alt="" vspace="1" vspace="2"/>`],
    ['an attribute HTML 4 does not define', `<p data-x="1" data-x="2">x</p>`],
    ['a namespace', `<p ${NS} ${NS}>x</p>`],
  ])('rejects a repeated attribute: %s', (_name, body) => {
    const found = errors(patient(`<div ${NS}>${body}</div>`));
    expect(found.map((i) => i.message)).toContainEqual(expect.stringContaining('appears twice'));
  });

  it('accepts the same attribute on two elements and two attributes sharing a bit word', () => {
    const div = `<div ${NS} class="a" id="b"><p class="a" title="t" lang="vi">x</p><p class="a">y</p></div>`;
    expect(errors(patient(div))).toEqual([]);
  });

  it('counts a blank CDATA section as no content (txt-2)', () => {
    expect(keys(`<div ${NS}><![CDATA[   ]]></div>`)).toEqual([['narrative', 'txt-2']]);
  });
});
