// Hosts: GET /v1/hosts, a page at a time, stale hosts marked.

import {page} from '../api.js';
import {h, badge, replace} from '../dom.js';
import {time} from '../format.js';
import {href} from '../route.js';
import {pageLimit, moreButton} from './paging.js';

export async function render({route, main, title}) {
  title('Hosts');
  const first = await page(['v1', 'hosts'], {limit: pageLimit(route)}, 'hosts');
  const body = h('tbody');
  const shown = h('span', {}, '0');
  const table = h('table', {},
    h('caption', {}, 'Every host the inventory has heard from, by id. ', shown, ' shown.'),
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Host'), h('th', {scope: 'col'}, 'Last seen (UTC)'),
      h('th', {scope: 'col'}, 'Status'))),
    body);
  const errors = h('div');
  const add = (hosts) => {
    body.append(...hosts.map((host) => h('tr', {'data-host': host.host, class: host.stale ? 'stale' : null},
      h('td', {}, h('a', {href: href(['hosts', host.host])}, host.host)),
      h('td', {}, time(host.lastSeen)),
      h('td', {}, host.stale ? badge('stale: not heard from lately', 'bad') : badge('reporting', 'good')))));
    shown.textContent = String(body.children.length);
  };
  add(first.items);
  replace(main, h('h1', {tabindex: -1}, 'Hosts'), table, errors,
    moreButton(first.next, add, errors, 'hosts'));
}
