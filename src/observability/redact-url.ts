/**
 * URLs as logs and error messages may show them: without credentials (user name, password) and without the query
 * string and fragment, where receivers put their tokens (`?token=…`). What is left (scheme, host, port, path) is
 * enough to tell which URL failed.
 */

export const REDACTED = '[redacted]';

/** A URL without its credentials, query and fragment; text that does not parse as a URL is cut at `@`, `?` and `#`. */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return redactUnparsed(url);
  const parsed = new URL(url);
  // Only URLs with an authority (scheme://host) have credentials; mailto:, data: and the like are left whole.
  if (!parsed.host && !url.includes('//')) return url;
  const credentials = parsed.username !== '' || parsed.password !== '' ? `${REDACTED}@` : '';
  const query = parsed.search !== '' || url.includes('?') ? `?${REDACTED}` : '';
  return `${parsed.protocol}//${credentials}${parsed.host}${parsed.pathname}${query}`;
}

function redactUnparsed(text: string): string {
  const scheme = /^[a-z][a-z\d+.-]*:\/\//i.exec(text)?.[0] ?? '';
  let rest = text.slice(scheme.length);
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) rest = `${REDACTED}@${rest.slice(at + 1)}`;
  const query = rest.search(/[?#]/);
  return scheme + (query === -1 ? rest : `${rest.slice(0, query)}?${REDACTED}`);
}

/** Absolute URLs (scheme://…) anywhere in a text, up to whitespace or a quote. */
const URL_IN_TEXT = /\b[a-z][a-z\d+.-]*:\/\/[^\s"'<>`]+/gi;

/** A text (an error message, a log line) with every absolute URL in it redacted. */
export function redactUrlsIn(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(URL_IN_TEXT, (url) => redactUrl(url));
}
