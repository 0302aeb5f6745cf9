// Issue 13, finding 3: content types are parsed as MIME types, one parser for the whole repo.
import { describe, expect, it } from 'vitest';
import { fileResponseHeaders, mimeAllowed, normalisedMimeType, parseMimeType } from '@/lib/files/content-type';

describe('parseMimeType (issue 13, finding 3: stored XSS)', () => {
  it('refuses what is not exactly one media type, the comma trick first', () => {
    for (const text of [
      'text/plain; x=,TEXT/HTML',
      'text/plain, text/html',
      'text/html;',
      'text',
      '/html',
      'text/',
      'text /html',
      'text/plain; x',
      'text/plain; x="open',
      'text/plain; =y',
      '',
    ]) {
      expect(parseMimeType(text), text).toBeUndefined();
    }
  });

  it('reads type and subtype case-insensitively and parameters apart, quoted or not', () => {
    const mime = parseMimeType(' Text/HTML ; Charset="UTF-8" ; x="a;b,\\"c" ')!;
    expect(mime).toMatchObject({ essence: 'text/html', type: 'text', subtype: 'html' });
    expect([...mime.parameters]).toEqual([
      ['charset', 'UTF-8'],
      ['x', 'a;b,"c'],
    ]);
    expect(normalisedMimeType(mime)).toBe('text/html; charset=utf-8');
    expect(normalisedMimeType(parseMimeType('IMAGE/PNG; q=1')!)).toBe('image/png');
  });

  it('checks an allow-list by essence, with type/* wildcards', () => {
    const allowed = ['image/*', 'application/pdf', 'not a type'];
    expect(mimeAllowed(parseMimeType('IMAGE/PNG')!, allowed)).toBe(true);
    expect(mimeAllowed(parseMimeType('application/PDF; x=y')!, allowed)).toBe(true);
    expect(mimeAllowed(parseMimeType('text/html')!, allowed)).toBe(false);
    expect(mimeAllowed(parseMimeType('text/plain')!, ['TEXT/PLAIN'])).toBe(true);
    expect(mimeAllowed(parseMimeType('text/html')!, null)).toBe(true);
  });

  it('sends only raster images and PDF inline; everything else, and what does not parse, as an attachment', () => {
    expect(fileResponseHeaders('image/png')).toEqual({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    expect(fileResponseHeaders('application/pdf', 'attachment; filename="a.pdf"')).toEqual({
      'content-type': 'application/pdf',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'",
      'content-disposition': 'attachment; filename="a.pdf"',
    });
    for (const type of ['image/svg+xml', 'text/html', 'text/plain; x=,TEXT/HTML', undefined]) {
      const headers = fileResponseHeaders(type);
      expect(headers['content-disposition'], String(type)).toBe('attachment');
      expect(headers['content-security-policy'], String(type)).toBe("default-src 'none'; sandbox");
    }
    expect(fileResponseHeaders('text/plain; x=,TEXT/HTML')['content-type']).toBe('application/octet-stream');
  });
});
