// Live updates: the change feed GET /v1/changes as Server-Sent Events (the browser's
// EventSource), filtered by host or WWPN. Each message is `event: change` with a JSON object
// {cursor, time, host, kind, name, change}. The page works the same without it: while the feed
// is not connected (no such route yet, a token the EventSource cannot send, a network break)
// the header says "Live updates unavailable".

const RETRY_MILLIS = 30_000;

let source = null;
let retry = null;
let watching = null;

/**
 * Follows the changes matching `filter` ({host} or {wwpn}); calls `onOpen()` each time the feed
 * (re)connects, so the page re-reads what it shows (nothing is missed between its first read
 * and the feed's start), and `onChange(change)` for every change. Replaces any earlier watch.
 */
export function watch(filter, {onOpen, onChange}) {
  stop();
  watching = {filter, onOpen, onChange};
  connect();
}

/** Stops following; the header shows nothing. */
export function stop() {
  watching = null;
  close();
  show(null);
}

/** Says in the header why the page is not live, without following anything. */
export function off(reason) {
  stop();
  show('off', reason);
}

function close() {
  if (source) {
    source.close();
    source = null;
  }
  if (retry) {
    clearTimeout(retry);
    retry = null;
  }
}

function connect() {
  const {filter} = watching;
  const url = '/v1/changes?' + new URLSearchParams(filter).toString();
  show('connecting');
  const opened = new EventSource(url);
  source = opened;
  opened.addEventListener('open', () => {
    show('live');
    watching?.onOpen();
  });
  opened.addEventListener('change', (message) => {
    let change;
    try {
      change = JSON.parse(message.data);
    } catch {
      return;
    }
    watching?.onChange(change);
  });
  opened.addEventListener('error', () => {
    if (source !== opened) {
      return;
    }
    if (opened.readyState === EventSource.CONNECTING) {
      show('connecting'); // the browser reconnects by itself
      return;
    }
    close();
    explain(url, filter);
  });
}

/**
 * The feed was refused or broke: asks the route why, as the EventSource asked (without a token:
 * it cannot send one), says so, and tries again later.
 */
async function explain(url, filter) {
  let reason = 'the change feed cannot be reached';
  let again = RETRY_MILLIS;
  try {
    const controller = new AbortController();
    const response = await fetch(url, {headers: {Accept: 'text/event-stream'}, signal: controller.signal});
    controller.abort();
    if (response.status === 404) {
      reason = 'this server has no change feed (GET /v1/changes is 404)';
    } else if (response.status === 410) {
      reason = 'the feed\'s position is older than the history kept; starting again from now';
      again = 0;
    } else if (response.status === 401 || response.status === 403) {
      reason = 'the server wants a token, which the browser\'s EventSource cannot send';
    } else if (response.ok) {
      reason = 'the change feed broke off';
      again = 1_000;
    } else {
      reason = `the change feed answered ${response.status}`;
    }
  } catch {
    // unreachable: keep the first reason
  }
  if (!watching || JSON.stringify(watching.filter) !== JSON.stringify(filter)) {
    return;
  }
  show('unavailable', reason);
  retry = setTimeout(() => {
    retry = null;
    if (watching) {
      connect();
    }
  }, again);
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
