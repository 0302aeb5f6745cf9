// Links between signed-out pages keep the language the visitor picked with ?lang=.
export function withLang(href: string, lang: string | string[] | undefined | null) {
  if (lang !== 'sv' && lang !== 'en') return href;
  return `${href}${href.includes('?') ? '&' : '?'}lang=${lang}`;
}
