import { describe, expect, it } from 'vitest';
import { errors } from './rules-helpers.ts';

const NS = 'xmlns="http://www.w3.org/1999/xhtml"';
const patient = (div: string) => ({
  resourceType: 'Patient',
  text: { status: 'generated', div },
});

describe('narrative XHTML (txt-1, txt-2)', () => {
  it.each([
    ['a <script> element', `<div ${NS}><script>alert(1)</script>x</div>`, 'txt-1'],
    ['an <iframe>', `<div ${NS}><iframe src="https://example.org"></iframe>x</div>`, 'txt-1'],
    ['a <form> with an <input>', `<div ${NS}><form><input name="q"/></form>x</div>`, 'txt-1'],
    ['an <object>', `<div ${NS}><object data="x.swf">x</object></div>`, 'txt-1'],
    ['a <style> element', `<div ${NS}><style>p{}</style>x</div>`, 'txt-1'],
    ['an onclick handler', `<div ${NS}><p onclick="steal()">Xin chào</p></div>`, 'txt-1'],
    [
      'an upper-case ONLOAD handler',
      `<div ${NS}><img ONLOAD="x()" src="#a" alt=""/></div>`,
      'txt-1',
    ],
    ['a javascript: href', `<div ${NS}><a href="javascript:alert(1)">Xem</a></div>`, 'txt-1'],
    [
      'a javascript: href hidden by spaces and case',
      `<div ${NS}><a href=" JavaScript :x()">Xem</a></div>`,
      'txt-1',
    ],
    [
      'a javascript: href written with a character reference',
      `<div ${NS}><a href="&#106;avascript:x()">Xem</a></div>`,
      'txt-1',
    ],
    [
      'a data:text/html src',
      `<div ${NS}><img src="data:text/html;base64,PHNjcmlwdD4=" alt=""/></div>`,
      'txt-1',
    ],
    [
      'a style with expression()',
      `<div ${NS}><p style="width: expression(alert(1))">x</p></div>`,
      'txt-1',
    ],
    ['an attribute HTML 4 does not define', `<div ${NS}><p data-x="1">x</p></div>`, 'txt-1'],
    ['no XHTML namespace', '<div><p>Bệnh nhân</p></div>', 'txt-1'],
    ['another namespace', '<div xmlns="http://www.w3.org/2000/svg"><p>x</p></div>', 'txt-1'],
    ['no content at all', `<div ${NS}>  <p> </p> </div>`, 'txt-2'],
    ['only a non-breaking space', `<div ${NS}>&nbsp;</div>`, 'txt-2'],
  ])('rejects %s', (_name, div, key) => {
    const found = errors(patient(div));
    expect(found.map((i) => [i.path, i.code, i.key])).toContainEqual([
      'Patient.text.div',
      'narrative',
      key,
    ]);
  });

  it.each([
    ['an unclosed element', `<div ${NS}><p>Bệnh nhân</div>`, '</div> where </p> was expected'],
    ['a bare ampersand', `<div ${NS}>Nguyễn & Trần</div>`, 'bare &'],
    ['an unknown entity', `<div ${NS}>a &bogus; b</div>`, 'unknown entity'],
    ['an unquoted attribute', `<div ${NS}><p class=x>y</p></div>`, 'no quoted value'],
    ['a raw < in text', `<div ${NS}>a < b</div>`, 'starts no tag'],
    ['text after the root', `<div ${NS}>x</div> tail <div ${NS}>y</div>`, 'outside the root'],
    ['a second root', `<div ${NS}>x</div><div ${NS}>y</div>`, 'second root'],
    ['a duplicated attribute', `<div ${NS}><p class="a" class="b">x</p></div>`, 'appears twice'],
    ['a DOCTYPE', `<div ${NS}><!DOCTYPE html>x</div>`, 'declaration'],
  ])('rejects malformed XHTML: %s', (_name, div, words) => {
    const found = errors(patient(div));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'Patient.text.div', code: 'narrative' });
    expect(found[0]!.message).toContain(words);
    expect(found[0]!.key).toBeUndefined();
  });

  it('checks contained resources and Bundle entries too', () => {
    const bad = `<div ${NS}><script>x</script>y</div>`;
    const withContained = {
      resourceType: 'Patient',
      contained: [
        { resourceType: 'Organization', id: 'o', text: { status: 'generated', div: bad } },
      ],
    };
    expect(errors(withContained).map((i) => i.path)).toEqual(['Patient.contained[0].text.div']);
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0', resource: patient(bad) }],
    };
    expect(errors(bundle).map((i) => i.path)).toEqual(['Bundle.entry[0].resource.text.div']);
  });

  it.each([
    ['plain paragraphs', `<div ${NS}><p>Nguyễn Văn An</p></div>`],
    [
      'a link by href and an anchor by name',
      `<div ${NS}><a name="top"/><a href="https://example.org/Patient/1?a=1&amp;b=2">Hồ sơ</a></div>`,
    ],
    [
      'a link whose path mentions javascript:',
      `<div ${NS}><a href="https://example.org/docs/javascript:guide">docs</a></div>`,
    ],
    [
      'an image by internal reference or data:image',
      `<div ${NS}><img src="#photo" alt="Ảnh"/><img src="data:image/png;base64,iVBORw0KGgo=" alt=""/></div>`,
    ],
    [
      'HTML 4 entities and character references',
      `<div ${NS}>Ng&#432;&#x1EDD;i b&#7879;nh &nbsp;&copy; &amp; &lt;3&gt;</div>`,
    ],
    [
      'tables with spans and style attributes',
      `<div ${NS}><table class="grid" border="1"><tbody><tr><td colspan="2" style="color: red">x</td></tr></tbody></table></div>`,
    ],
    ['comments and CDATA', `<div ${NS}><!-- ghi chú --><p><![CDATA[a < b]]></p></div>`],
    [
      'text that names handlers and scripts',
      `<div ${NS}><p>onclick="x" and &lt;script&gt; are just words here</p></div>`,
    ],
    [
      'self-closed and empty elements with lang attributes',
      `<div ${NS} lang="vi" xml:lang="vi"><br/><pre xml:space="preserve">a  b</pre><span title="t">Có</span><hr /></div>`,
    ],
    [
      'single-quoted attributes and whitespace around the root',
      `  <div ${NS.replace(/"/g, "'")}><p class='a'>x</p></div>\n`,
    ],
  ])('accepts %s', (_name, div) => {
    expect(errors(patient(div))).toEqual([]);
  });
});
