// "Create a vHBA here", under the NPIV page's chosen parent: POST /v1/vhbas?wait=30s with the
// page's criteria and policy, optional WWPN and WWNN, and a request id made here (the same id is
// sent again when an attempt got no answer, so a retry cannot create a second vHBA). Shows the
// vHBA created, or the request's state (a 202 is followed through GET /v1/vhba-requests/{id}
// until decided), or why it was refused. A server without a command key (503 writes_disabled)
// hides the panel from then on, in this tab; a token without the admin role (403) disables the
// button, with the API's reason, for as long as the tab keeps that token.

import {send, get, token} from '../api.js';
import {h, facts, wwn, replace, errorBox} from '../dom.js';
import {href} from '../route.js';

const REMEMBERED = 'nodedex.vhba-writes';
const WAIT = '30s';
const POLL_MILLIS = 1_000;
const PENDING = new Set(['requested', 'reserved', 'deleting']);

/**
 * The panel for creating a vHBA like `query` (the NPIV page's host, criterion and policy) asked
 * for, whose parent the API just chose; or null when this server takes no vHBA requests.
 */
export function createPanel(query, parent, isCurrent) {
  const known = remembered();
  if (known?.state === 'disabled') {
    return null;
  }
  let requestId = newRequestId();
  const outcome = h('div', {class: 'create-outcome', 'aria-live': 'polite'});
  const reason = h('p', {class: 'hint', id: 'create-reason'});
  const button = h('button', {type: 'submit', 'aria-describedby': 'create-reason'}, 'Create a vHBA here');
  const shownId = h('span', {class: 'id'}, requestId);
  const form = h('form', {class: 'npiv create'},
    h('p', {class: 'hint'}, 'Asks host ', h('strong', {}, query.host), ' for a vHBA on the parent the criteria above ',
      'choose when the request is decided (now ', h('span', {class: 'id'}, parent.name), '). Empty WWNs are generated.'),
    h('div', {class: 'field inline'}, h('label', {for: 'create-wwpn'}, 'WWPN (optional)'),
      h('input', {id: 'create-wwpn', name: 'wwpn', autocomplete: 'off', spellcheck: 'false', placeholder: '5001a4a0e2e0c001'})),
    h('div', {class: 'field inline'}, h('label', {for: 'create-wwnn'}, 'WWNN (optional)'),
      h('input', {id: 'create-wwnn', name: 'wwnn', autocomplete: 'off', spellcheck: 'false', placeholder: '5001a4a0e2e0c000'})),
    h('p', {class: 'hint'}, 'Request id ', shownId),
    button, reason);
  const forbid = (message) => {
    button.disabled = true;
    button.classList.add('forbidden');
    reason.textContent = `Only an admin token can create vHBAs: ${message}`;
  };
  if (known?.state === 'forbidden' && known.token === token()) {
    forbid(known.message);
  }
  const panel = h('section', {class: 'create', 'aria-labelledby': 'create-title'},
    h('h2', {id: 'create-title'}, 'Create a vHBA here'), form, outcome);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {...query, requestId};
    for (const name of ['wwpn', 'wwnn']) {
      const value = data.get(name).trim();
      if (value) {
        body[name] = value;
      }
    }
    button.disabled = true;
    replace(outcome, h('p', {class: 'loading'}, `Asking ${query.host} to create the vHBA…`));
    let answer;
    try {
      answer = await send('POST', ['v1', 'vhbas'], {wait: WAIT}, body);
    } catch (failure) {
      button.disabled = false; // no answer: a retry sends the same request id
      replace(outcome, errorBox(failure));
      return;
    }
    requestId = newRequestId(); // answered: the next attempt is a new request
    shownId.textContent = requestId;
    button.disabled = false;
    if (answer.status === 503 && answer.body.error?.code === 'writes_disabled') {
      remember({state: 'disabled'});
      replace(panel, h('p', {class: 'notice', role: 'alert'}, 'This server takes no vHBA requests: ',
        answer.body.error.message));
      return;
    }
    if (answer.status === 403) {
      remember({state: 'forbidden', token: token(), message: answer.body.error?.message || 'forbidden'});
      forbid(answer.body.error?.message || 'forbidden');
      replace(outcome);
      return;
    }
    if (answer.status === 202) {
      await follow(answer.body, outcome, isCurrent);
      return;
    }
    replace(outcome, ...shown(answer.status, answer.body));
  });
  return panel;
}

/** Follows an accepted request until it is decided (or the page is left), showing its state. */
async function follow(accepted, outcome, isCurrent) {
  let request = accepted;
  for (;;) {
    replace(outcome, h('p', {class: 'loading'}, `Request ${request.requestId} is ${request.state}: waiting for `,
      `${request.host}…`));
    if (!PENDING.has(request.state)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
    if (!isCurrent()) {
      return;
    }
    try {
      request = (await get(['v1', 'vhba-requests', request.requestId], {host: request.host}, {withAsOf: false})).body;
    } catch (failure) {
      if (failure.status !== 404) { // 404: not folded yet
        replace(outcome, errorBox(failure));
        return;
      }
    }
  }
  replace(outcome, ...(request.state === 'created' ? created(request) : shown(200, request)));
}

/** What an answer to the POST (or a decided request) shows. */
function shown(status, body) {
  if (status === 201) {
    return created(body);
  }
  if (body.candidates) { // 404/409: the resolver's answer, as GET /v1/npiv/parent gives it
    return [h('div', {class: 'notice conflict', role: 'alert'}, h('strong', {}, 'Refused: '), body.error?.message || body.message),
      h('ul', {class: 'reasons'}, body.candidates.filter((c) => !c.accepted)
        .map((c) => h('li', {}, h('span', {class: 'id'}, c.name), ': ', c.reason)))];
  }
  if (body.requestId && body.state) { // 502, 504, or a request decided otherwise
    return [h('div', {class: 'notice conflict', role: 'alert'},
      h('strong', {}, `Request ${body.requestId} ${body.state}: `), body.reason)];
  }
  if (body.error) {
    return [h('div', {class: 'error', role: 'alert'}, h('strong', {}, 'The API answered '),
      `${status} ${body.error.code}: ${body.error.message}`)];
  }
  return [h('div', {class: 'error', role: 'alert'}, `The API answered ${status}`)];
}

function created(vhba) {
  return [h('section', {class: 'chosen created', 'aria-labelledby': 'created-title'},
    h('h2', {id: 'created-title', tabindex: -1}, 'Created vHBA ', h('span', {class: 'id'}, vhba.name)),
    facts([
      ['Host', h('a', {href: href(['hosts', vhba.host], {wwpn: vhba.wwpn})}, `${vhba.host}: see it on its page`)],
      ['WWPN', wwn(vhba.wwpn)],
      ['WWNN', wwn(vhba.wwnn)],
      ['Parent', h('span', {class: 'id'}, vhba.parent)],
      ['Request id', vhba.requestId],
    ]))];
}

/** A version 4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues. */
function newRequestId() {
  if (typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function remembered() {
  try {
    return JSON.parse(sessionStorage.getItem(REMEMBERED) || 'null');
  } catch {
    return null;
  }
}

function remember(what) {
  sessionStorage.setItem(REMEMBERED, JSON.stringify(what));
}
