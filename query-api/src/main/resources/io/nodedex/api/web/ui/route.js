// The page's address lives in the URL's fragment: #/hosts/hv01?wwpn=...&asOf=... Every page is a
// link; asOf (the header's time) rides along on every link the page makes.

export const AS_OF = 'asOf';

/** The current route: its path segments (decoded) and its parameters. */
export function current() {
  const hash = location.hash.startsWith('#') ? location.hash.slice(1) : '';
  const [path, query = ''] = hash.split(/\?(.*)/s, 2);
  const segments = path.split('/').filter((segment) => segment !== '').map(decode);
  return {segments, params: new URLSearchParams(query)};
}

function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The time the page shows (RFC 3339), or '' for now. */
export function asOf() {
  return current().params.get(AS_OF) || '';
}

/**
 * A link to a page: #/segment/segment?params, keeping the current asOf unless params say
 * otherwise (asOf: '' drops it). Empty parameters are left out.
 */
export function href(segments, params = {}) {
  const query = new URLSearchParams();
  const time = AS_OF in params ? params[AS_OF] : asOf();
  for (const [name, value] of Object.entries(params)) {
    if (name !== AS_OF && value !== undefined && value !== null && value !== '') {
      query.set(name, value);
    }
  }
  if (time) {
    query.set(AS_OF, time);
  }
  const path = '#/' + segments.map(encodeURIComponent).join('/');
  const text = query.toString();
  return text ? path + '?' + text : path;
}

/** Goes to a page; `replace` replaces the current history entry (a search that resolved). */
export function go(link, {replace = false} = {}) {
  if (replace) {
    location.replace(link);
  } else {
    location.hash = link.slice(1);
  }
}
