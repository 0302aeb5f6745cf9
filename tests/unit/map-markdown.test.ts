// Notes are rendered without letting written HTML or script links through.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, safeUrl } from '@/components/notes/markdown';

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe('note markdown', () => {
  it('renders headings, emphasis, lists and safe links', () => {
    const html = render('## Mål\n\n**Viktigt**: *snart*\n\n- ett\n- två\n\n[Skatteverket](https://www.skatteverket.se)');
    expect(html).toContain('<h2>Mål</h2>');
    expect(html).toContain('<strong>Viktigt</strong>');
    expect(html).toContain('<li>två</li>');
    expect(html).toContain('href="https://www.skatteverket.se"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('drops raw HTML: no script element, no onerror attribute, no iframe', () => {
    const html = render(
      'Hej <script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n<iframe src="https://evil.test"></iframe>\n\n<a href="#" onclick="alert(3)">x</a>',
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/onerror/i);
    expect(html).not.toMatch(/onclick/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).toContain('Hej');
  });

  it('neutralises javascript:, data: and vbscript: links and images', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
    ]) {
      const html = render(`[klicka](${target.replace(/ /g, '%20')}) ![bild](${target.replace(/ /g, '%20')})`);
      expect(html).not.toMatch(/javascript:|data:|vbscript:/i);
    }
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('/karta?nod=1')).toBe('/karta?nod=1');
    expect(safeUrl('mailto:a@b.se')).toBe('mailto:a@b.se');
  });

  it('shows images as links instead of loading them', () => {
    const html = render('![logga](https://bilder.example/logga.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://bilder.example/logga.png"');
  });
});
