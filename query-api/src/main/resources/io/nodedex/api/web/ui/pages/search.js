// Search: one box for a WWPN, a host id or a fabric WWN. A WWPN held by one fc_host goes to its
// host's page, one several hold is listed here with each of them; a fabric goes to its page, a
// host id to the host's page.

import {get, all} from '../api.js';
import {holders} from './wwpn.js';
import {h, errorBox, replace} from '../dom.js';
import {searchTerm} from '../format.js';
import {href, go} from '../route.js';

export async function render({route, main, title, isCurrent}) {
  const query = route.params.get('q') || '';
  title(query ? `Search ${query}` : 'Search');
  const input = h('input', {id: 'q', name: 'q', type: 'search', required: true, autocomplete: 'off',
    spellcheck: 'false', 'aria-describedby': 'q-hint', value: query});
  const form = h('form', {class: 'search', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    go(href([], {q: input.value.trim()}));
  }},
  h('label', {for: 'q'}, 'WWPN, host or fabric WWN'),
  h('div', {class: 'row'}, input, h('button', {type: 'submit'}, 'Search')),
  h('p', {id: 'q-hint', class: 'hint'},
    'A WWN in any case, with or without 0x or colons (', h('code', {}, '10:00:00:90:FA:92:DF:C4'), ', ',
    h('code', {}, '0x10000090fa92dfc4'), '), or a host id (', h('code', {}, 'hv01'), ').'));
  const results = h('div', {id: 'results', 'aria-live': 'polite'});
  replace(main, h('h1', {tabindex: -1}, 'Search'), form, results);
  if (!query) {
    input.focus();
    return;
  }
  replace(results, h('p', {class: 'loading'}, `Looking up ${query}…`));
  let found;
  try {
    found = await lookUp(searchTerm(query));
  } catch (failure) {
    if (isCurrent()) {
      replace(results, errorBox(failure));
    }
    return;
  }
  if (!isCurrent()) {
    return;
  }
  if (found.length === 1 && found[0].link) { // one host, one fabric, or a WWPN one fc_host has
    go(found[0].link, {replace: true});
    return;
  }
  if (found.length === 0) {
    replace(results, h('div', {class: 'notice', role: 'alert'},
      h('strong', {}, 'Not found: '), `nothing in the inventory is called ${query}`,
      ` (${misses(searchTerm(query))}).`));
    return;
  }
  if (found.length === 1) {
    replace(results, found[0].detail || found[0].view);
    return;
  }
  replace(results, h('h2', {}, 'Found'), h('ul', {class: 'found'}, found.map((hit) => h('li', {}, hit.view))));
}

/** What the term names: each hit {link, view}; a lookup that is not a 404 fails the search. */
async function lookUp({text, wwn}) {
  const lookups = [hostLookup(text)];
  if (wwn) {
    lookups.unshift(wwpnLookup(wwn), fabricLookup(wwn));
  }
  const hits = await Promise.all(lookups);
  return hits.flat();
}

async function wwpnLookup(wwn) {
  const answer = await orMissing(all(['v1', 'wwpn', wwn], {limit: 500}, 'matches'));
  if (!answer) {
    return [];
  }
  const {body, items} = answer;
  const summary = items.length === 1 ? `WWPN ${body.wwpn}: ${items[0].host}/${items[0].device.name}` : body.message;
  return [{
    link: items.length === 1 ? href(['hosts', items[0].host], {wwpn: body.wwpn}) : null,
    view: h('a', {href: items.length === 1 ? href(['hosts', items[0].host], {wwpn: body.wwpn}) : href(['wwpn', body.wwpn])},
      summary),
    detail: [h('h2', {}, 'WWPN ', h('span', {class: 'wwn'}, body.wwpn)), holders(answer)],
  }];
}

async function fabricLookup(wwn) {
  const body = (await orMissing(get(['v1', 'fabrics', wwn], {limit: 1})))?.body;
  return body ? [{link: href(['fabrics', body.fabricWwn]),
    view: h('a', {href: href(['fabrics', body.fabricWwn])}, `Fabric ${body.fabricWwn}`)}] : [];
}

async function hostLookup(text) {
  if (!text || text.includes('/')) {
    return [];
  }
  const body = (await orMissing(get(['v1', 'hosts', text])))?.body;
  return body ? [{link: href(['hosts', body.host]), view: h('a', {href: href(['hosts', body.host])}, `Host ${body.host}`)}] : [];
}

/** The answer, or null for a 404. */
async function orMissing(request) {
  try {
    return await request;
  } catch (failure) {
    if (failure.status === 404) {
      return null;
    }
    throw failure;
  }
}

function misses({text, wwn}) {
  return wwn ? `no fc_host has WWPN ${wwn}, no fabric has WWN ${wwn}, no host is called ${text}`
    : `no host is called ${text}`;
}
