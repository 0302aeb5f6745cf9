// Note bodies rendered safely: react-markdown builds React elements (no innerHTML), raw HTML in the
// text is dropped, and links keep only http(s), mailto and same-site targets, so no script,
// `javascript:` link or event-handler attribute written into a note can run.
import ReactMarkdown, { type Components } from 'react-markdown';

/** Typography for rendered notes (descendant selectors: the markdown has no classes of its own). */
const PROSE =
  'space-y-3 text-[15px] leading-relaxed break-words [&_h1]:text-xl [&_h1]:font-semibold [&_h2]:text-lg [&_h2]:font-semibold [&_h3]:font-semibold ' +
  '[&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_li]:my-1 [&_code]:rounded [&_code]:bg-subtle [&_code]:px-1 ' +
  '[&_pre]:overflow-x-auto [&_pre]:rounded-lg [&_pre]:bg-subtle [&_pre]:p-3 [&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted';

const SAFE_URL = /^(https?:|mailto:)/i;

/** Allowed link and image targets; anything else (javascript:, data:, vbscript: …) becomes empty. */
export function safeUrl(url: string): string {
  const trimmed = url.trim();
  if (SAFE_URL.test(trimmed)) return trimmed;
  // Relative links have no scheme: nothing before the first ":" that precedes any "/", "?" or "#".
  const colon = trimmed.indexOf(':');
  const boundary = trimmed.search(/[/?#]/);
  if (colon === -1 || (boundary !== -1 && boundary < colon)) return trimmed;
  return '';
}

const components: Components = {
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline underline-offset-2">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Images would load third-party URLs when the note is opened; show the alt text as a link instead.
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="text-accent underline underline-offset-2">
        {alt || src}
      </a>
    ) : null,
};

export function Markdown({ source }: { source: string }) {
  return (
    <div className={PROSE}>
      <ReactMarkdown skipHtml urlTransform={safeUrl} components={components}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
