// A fabric: GET /v1/fabrics/{wwn}, every HBA and vHBA logged into it, a page at a time.

import {page} from '../api.js';
import {h, wwn, badge, replace} from '../dom.js';
import {fcHost, portState, count} from '../format.js';
import {href} from '../route.js';
import {pageLimit, moreButton} from './paging.js';

export async function render({route, main, title}) {
  const asked = route.segments[1];
  title(`Fabric ${asked}`);
  const first = await page(['v1', 'fabrics', asked], {limit: pageLimit(route)}, 'members');
  const body = h('tbody');
  const add = (members) => body.append(...members.map((member) => {
    const port = fcHost(member.device);
    return h('tr', {'data-host': member.host, 'data-device': member.name},
      h('td', {}, h('a', {href: href(['hosts', member.host], {wwpn: port?.wwpn})}, member.host)),
      h('td', {}, member.name),
      h('td', {}, member.role === 'hba' ? badge('HBA', 'neutral') : badge('vHBA', 'info')),
      h('td', {}, port ? h('a', {class: 'wwn', href: href(['timeline', 'wwpn', port.wwpn])}, port.wwpn) : wwn('')),
      h('td', {}, portState(port?.portState)),
      h('td', {class: 'number'}, member.role === 'hba' ? count(member.freeVports) : '—'),
      h('td', {}, member.role === 'vhba' ? member.parent || 'none' : '—'));
  }));
  add(first.items);
  const errors = h('div');
  replace(main,
    h('h1', {tabindex: -1}, 'Fabric ', h('span', {class: 'wwn'}, first.body.fabricWwn)),
    h('table', {},
      h('caption', {}, 'Every HBA and vHBA logged into this fabric, by host'),
      h('thead', {}, h('tr', {}, ['Host', 'Port', 'Role', 'WWPN', 'Port state', 'Free vports', 'Parent']
        .map((label) => h('th', {scope: 'col', class: label === 'Free vports' ? 'number' : null}, label)))),
      body),
    errors,
    moreButton(first.next, add, errors, 'ports'));
}
