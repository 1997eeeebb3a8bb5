// Timelines, oldest first: which fc_host held a WWPN from when to when
// (GET /v1/wwpn/{wwn}/history), and every version of a device with what changed
// (GET /v1/hosts/{host}/devices/{name}/history).

import {page} from '../api.js';
import {h, badge, replace} from '../dom.js';
import {time, fieldChange} from '../format.js';
import {href} from '../route.js';
import {pageLimit, moreButton} from './paging.js';

export async function render(context) {
  return context.route.segments[1] === 'wwpn' ? wwpnTimeline(context) : deviceTimeline(context);
}

async function wwpnTimeline({route, main, title}) {
  const asked = route.segments[2];
  title(`Timeline of WWPN ${asked}`);
  const first = await page(['v1', 'wwpn', asked, 'history'], {limit: pageLimit(route)}, 'holders');
  const wwpn = first.body.wwpn;
  const body = h('tbody');
  const add = (holders) => body.append(...holders.map((holder) => h('tr',
    {'data-host': holder.host, 'data-device': holder.name, class: holder.to ? null : 'current'},
    h('td', {}, h('a', {href: href(['hosts', holder.host], {wwpn})}, holder.host)),
    h('td', {}, h('a', {href: href(['timeline', 'device', holder.host, holder.name])}, holder.name)),
    h('td', {}, time(holder.from)),
    h('td', {}, holder.to ? time(holder.to) : badge('now', 'good')))));
  add(first.items);
  const errors = h('div');
  replace(main,
    h('h1', {tabindex: -1}, 'Timeline of WWPN ', h('span', {class: 'wwn'}, wwpn)),
    keptFrom(first.body),
    h('table', {},
      h('caption', {}, 'Each fc_host that held this port name, from when to when (UTC)'),
      h('thead', {}, h('tr', {}, ['Host', 'Device', 'From', 'To'].map((label) => h('th', {scope: 'col'}, label)))),
      body),
    errors,
    moreButton(first.next, add, errors, 'holders'),
    h('p', {}, h('a', {href: href(['wwpn', wwpn])}, `Who has ${wwpn} now`)));
}

async function deviceTimeline({route, main, title}) {
  const [, , host, name] = route.segments;
  title(`Timeline of ${host}/${name}`);
  const first = await page(['v1', 'hosts', host, 'devices', name, 'history'], {limit: pageLimit(route)}, 'versions');
  const body = h('tbody');
  let seen = false; // whether an earlier version was listed: an appearance after it is a return
  const add = (versions) => body.append(...versions.map((version) => {
    let what;
    if (version.removed) {
      what = [badge('removed', 'bad')];
    } else if (!version.change) {
      what = [badge('oldest version kept', 'info')];
    } else if (version.change === 'added') {
      what = [badge(seen ? 'added again' : 'first seen', 'info')];
    } else {
      const lines = (version.fields || []).map(fieldChange);
      what = lines.length ? h('ul', {class: 'plain changes'}, lines.map((line) => h('li', {}, line)))
        : [h('span', {class: 'none'}, 'no visible change')];
    }
    seen = true;
    return h('tr', {class: version.to ? null : 'current'},
      h('td', {}, time(version.from)),
      h('td', {}, version.to ? time(version.to) : badge('now', 'good')),
      h('td', {}, what));
  }));
  add(first.items);
  const errors = h('div');
  replace(main,
    h('h1', {tabindex: -1}, 'Timeline of ', h('a', {href: href(['hosts', host])}, host), '/', h('span', {class: 'id'}, name)),
    keptFrom(first.body),
    h('table', {class: 'versions'},
      h('caption', {}, 'Every version of the device, oldest first, and what changed from the one before (UTC)'),
      h('thead', {}, h('tr', {}, ['From', 'To', 'What changed'].map((label) => h('th', {scope: 'col'}, label)))),
      body),
    errors,
    moreButton(first.next, add, errors, 'versions'));
}

function keptFrom(body) {
  return body.historyKeptFrom
    ? h('p', {class: 'hint'}, 'This replica keeps history from ', time(body.historyKeptFrom), '.') : null;
}
