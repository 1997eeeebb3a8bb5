// The page's only way to the data: the /v1 routes of the same origin, with the caller's bearer
// token when the server wants one. A 401 asks for a token (kept in this tab's sessionStorage)
// and retries; every other error answer is thrown as an ApiError carrying the API's message.

import {asOf, AS_OF} from './route.js';

const TOKEN_KEY = 'nodedex.token';

/** An error answer of the API: {"error": {"code", "message"}}, or a failure to reach it. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** What the page shows: the status, the API's code and its message. */
  describe() {
    return this.status ? `${this.status} ${this.code}: ${this.message}` : this.message;
  }
}

/** The stored token, or ''. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

/** The headers every request carries. */
export function authorization() {
  const value = token();
  return value ? {Authorization: 'Bearer ' + value} : {};
}

/**
 * GET a route: path segments are encoded here, params (empty ones left out) become the query,
 * and the header's asOf is added unless `withAsOf` is false. Resolves to {status, body} for
 * every answer that is not in the error shape (the NPIV route answers 404 and 409 in its own
 * shape); rejects with an ApiError otherwise.
 */
export async function get(segments, params = {}, {withAsOf = true} = {}) {
  const answer = await exchange('GET', address(segments, params, withAsOf));
  if (answer.body.error) {
    throw new ApiError(answer.status, answer.body.error.code, answer.body.error.message);
  }
  return answer;
}

/**
 * A write (POST, DELETE) with a JSON body (unless `payload` is undefined), never as of a past
 * time. Resolves to {status, body} for every JSON answer, errors included, since the write
 * routes answer refusals in their own shapes; rejects with an ApiError only when the API cannot
 * be reached or answers without JSON.
 */
export function send(method, segments, params = {}, payload = undefined) {
  return exchange(method, address(segments, params, false), payload);
}

/** One request, asking for a token and retrying on a 401; {status, body} of a JSON answer. */
async function exchange(method, url, payload = undefined) {
  const headers = {Accept: 'application/json', ...(payload === undefined ? {} : {'Content-Type': 'application/json'})};
  for (;;) {
    let response;
    try {
      response = await fetch(url, {method, headers: {...headers, ...authorization()}, cache: 'no-store',
        body: payload === undefined ? undefined : JSON.stringify(payload)});
    } catch (failure) {
      throw new ApiError(0, 'unreachable', `the API cannot be reached (${failure.message})`);
    }
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      const given = await askForToken(body?.error?.message || 'the API wants a bearer token');
      if (given) {
        continue;
      }
    }
    if (body === null) {
      throw new ApiError(response.status, 'not_json', `the API answered ${response.status} without JSON`);
    }
    return {status: response.status, body};
  }
}

/** The URL of a route: /v1/... with its query. */
export function address(segments, params = {}, withAsOf = true) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(name, value);
    }
  }
  if (withAsOf && asOf()) {
    query.set(AS_OF, asOf());
  }
  const text = query.toString();
  return '/' + segments.map(encodeURIComponent).join('/') + (text ? '?' + text : '');
}

/**
 * One page of a list route and a way to the next: resolves to {body, items, next()}, where
 * next() resolves to the following page, or is null on the last one.
 */
export async function page(segments, params, field) {
  const {body} = await get(segments, params);
  return {
    body,
    items: body[field] || [],
    next: body.next ? () => page(segments, {...params, cursor: body.next}, field) : null,
  };
}

/** Every item of a list route, following `next` to the end. */
export async function all(segments, params, field) {
  const items = [];
  let current = await page(segments, params, field);
  for (;;) {
    items.push(...current.items);
    if (!current.next) {
      return {body: current.body, items};
    }
    current = await current.next();
  }
}

// ---- the token form: one at a time, shared by every request that got a 401 meanwhile

let pending = null;

/** Shows the token form with the server's reason; resolves to true once a token is given. */
function askForToken(reason) {
  if (!pending) {
    pending = new Promise((resolve) => {
      const dialog = document.getElementById('token-dialog');
      const form = document.getElementById('token-form');
      const input = document.getElementById('token-input');
      document.getElementById('token-reason').textContent = token()
        ? `The API refused the token: ${reason}.`
        : `The API needs a token: ${reason}.`;
      input.value = '';
      const finish = (given) => {
        form.removeEventListener('submit', submit);
        dialog.removeEventListener('cancel', cancel);
        document.getElementById('token-cancel').removeEventListener('click', cancel);
        if (dialog.open) {
          dialog.close();
        }
        pending = null;
        resolve(given);
      };
      const submit = (event) => {
        event.preventDefault();
        sessionStorage.setItem(TOKEN_KEY, input.value.trim());
        finish(true);
      };
      const cancel = (event) => {
        event.preventDefault();
        finish(false);
      };
      form.addEventListener('submit', submit);
      dialog.addEventListener('cancel', cancel);
      document.getElementById('token-cancel').addEventListener('click', cancel);
      dialog.showModal();
      input.focus();
    });
  }
  return pending;
}
