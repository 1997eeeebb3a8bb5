// Live updates: the change feed GET /v1/changes as Server-Sent Events, filtered by host or WWPN,
// read with fetch (not the browser's EventSource, which cannot send the bearer token a server
// with tokens wants). Each message is `event: change` whose id is its cursor and whose data is a
// JSON object {cursor, time, host, kind, name, change}. After a break the feed resumes after the
// last change seen (`since`), trying again after 1 s, 2 s, 4 s... up to 30 s; a stream that ends
// with `event: error`, or a position the server no longer keeps (410 gone), starts again from
// now, the page re-reading what it shows. The page works the same without the feed: while it is
// not connected (no such route, a refused token, a network break) the header says "Live updates
// unavailable" and why.

import {authorization} from './api.js';
import {readEvents} from './sse.js';

const FIRST_RETRY_MILLIS = 1_000;
const LAST_RETRY_MILLIS = 30_000;
/** The server sends a comment every 15 s: a stream silent for longer is taken as broken. */
const SILENCE_MILLIS = 45_000;

let watching = null;

/**
 * Follows the changes matching `filter` ({host} or {wwpn}); calls `onOpen()` each time the feed
 * starts from now (first, and after a position the server no longer keeps), so the page
 * re-reads what it shows and nothing between its read and the feed's start is missed, and
 * `onChange(change)` for every change. Replaces any earlier watch.
 */
export function watch(filter, {onOpen, onChange}) {
  stop();
  watching = {filter, onOpen, onChange, since: '', retry: FIRST_RETRY_MILLIS, controller: null, timer: null};
  connect(watching);
}

/** Stops following; the header shows nothing. */
export function stop() {
  if (watching) {
    end(watching);
    watching = null;
  }
  show(null);
}

/** Says in the header why the page is not live, without following anything. */
export function off(reason) {
  stop();
  show('off', reason);
}

function end(watch) {
  watch.controller?.abort();
  watch.controller = null;
  clearTimeout(watch.timer);
  watch.timer = null;
}

async function connect(watch) {
  const params = new URLSearchParams(watch.filter);
  const resuming = watch.since !== '';
  if (resuming) {
    params.set('since', watch.since);
  }
  const controller = new AbortController();
  watch.controller = controller;
  show('connecting');
  let silence = null;
  let silent = false;
  const heard = () => {
    clearTimeout(silence);
    silence = setTimeout(() => {
      silent = true;
      controller.abort();
    }, SILENCE_MILLIS);
  };
  let ended = '';
  try {
    heard();
    const response = await fetch('/v1/changes?' + params.toString(), {
      headers: {Accept: 'text/event-stream', ...authorization()},
      cache: 'no-store',
      signal: controller.signal,
    });
    if (watching !== watch) {
      controller.abort();
      return;
    }
    if (!response.ok) {
      const refusal = await refused(response);
      if (watching === watch) {
        again(watch, refusal.reason, refusal.restart);
      }
      return;
    }
    show('live');
    const openedAt = Date.now();
    if (!resuming) {
      watch.onOpen();
    }
    await readEvents(response.body, (event) => {
      if (event.type === 'change') {
        watch.since = event.id || watch.since;
        let change;
        try {
          change = JSON.parse(event.data);
        } catch {
          return;
        }
        watch.onChange(change);
      } else if (event.type === 'error') {
        ended = errorMessage(event.data);
      }
    }, heard);
    if (watching !== watch) {
      return;
    }
    if (Date.now() - openedAt > LAST_RETRY_MILLIS) {
      watch.retry = FIRST_RETRY_MILLIS; // a stream that lasted: its end is a new trouble
    }
    if (ended) {
      again(watch, `the change feed ended with ${ended}; starting again from now`, true);
    } else {
      again(watch, 'the change feed broke off', false);
    }
  } catch {
    if (watching === watch) {
      again(watch, silent ? 'the change feed went silent' : 'the change feed cannot be reached', false);
    }
  } finally {
    clearTimeout(silence);
  }
}

/** What a refusal means: the reason shown, and whether to start again from now. */
async function refused(response) {
  const body = await response.json().catch(() => null);
  const message = body?.error?.message || '';
  if (response.status === 410) {
    return {reason: 'the feed\'s position is older than the history kept; starting again from now', restart: true};
  }
  if (response.status === 404) {
    return {reason: 'this server has no change feed (GET /v1/changes is 404)', restart: false};
  }
  if (response.status === 401 || response.status === 403) {
    return {reason: `the change feed refused the token${message ? ': ' + message : ''}`, restart: false};
  }
  return {reason: `the change feed answered ${response.status}${message ? ': ' + message : ''}`, restart: false};
}

function errorMessage(data) {
  try {
    const {error} = JSON.parse(data);
    return `${error.code}: ${error.message}`;
  } catch {
    return 'an error';
  }
}

/**
 * Says why the page is not live and tries again later: from now (the page re-reads) when
 * `restart`, else after the last change seen; each try waits twice as long, up to 30 s.
 */
function again(watch, reason, restart) {
  watch.controller = null;
  if (restart) {
    watch.since = '';
  }
  const wait = watch.retry;
  watch.retry = Math.min(wait * 2, LAST_RETRY_MILLIS);
  show('unavailable', `${reason}; trying again in ${Math.round(wait / 1000)} s`);
  watch.timer = setTimeout(() => {
    watch.timer = null;
    if (watching === watch) {
      connect(watch);
    }
  }, wait);
}

function show(state, reason = '') {
  const element = document.getElementById('live');
  if (!state) {
    element.hidden = true;
    return;
  }
  const text = {
    connecting: 'Connecting to live updates…',
    live: 'Live',
    unavailable: 'Live updates unavailable',
    off: 'Not live',
  }[state];
  element.hidden = false;
  element.dataset.state = state;
  element.textContent = text;
  element.title = reason;
  if (reason) {
    element.append(' ', Object.assign(document.createElement('span'), {className: 'why', textContent: `(${reason})`}));
  }
}
