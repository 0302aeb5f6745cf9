// Which page of a long list to show: the requested one, within 1..pages (nonsense means page 1,
// past the end means the last page), and where it starts.
export function pageWithin(requested: number, count: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  const page = Math.min(Math.max(1, Math.trunc(requested) || 1), pages);
  return { page, pages, offset: (page - 1) * pageSize };
}
