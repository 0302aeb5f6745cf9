// File sizes for messages: "10 MB" in either language (sv-SE writes the decimal comma).
export function formatBytes(bytes: number, locale: string): string {
  const mb = bytes / (1024 * 1024);
  return `${new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(mb)} MB`;
}
