// Audit: GET /v1/audit, what the fleet says about WWNs, vHBAs and vports that does not add up, a
// page at a time (the `next` cursor), with the count of each kind over all of them and the hosts
// gone silent.

import {page} from '../api.js';
import {h, badge, section, table, replace} from '../dom.js';
import {time} from '../format.js';
import {href} from '../route.js';
import {pageLimit, moreButton} from './paging.js';

const KINDS = {
  duplicate_wwpn: 'Duplicate WWPN',
  vhba_without_parent: 'vHBA without parent',
  parent_over_capacity: 'Parent over capacity',
  fabric_mismatch: 'Fabric mismatch',
  vport_count_mismatch: 'Vport count mismatch',
};

export async function render({route, main, title}) {
  title('Audit');
  const first = await page(['v1', 'audit'], {limit: pageLimit(route)}, 'findings');
  const counts = first.body.counts || {};
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  const body = h('tbody');
  const add = (findings) => body.append(...findings.map((finding) => h('tr', {'data-kind': finding.kind},
    h('td', {}, badge(KINDS[finding.kind] || finding.kind, finding.kind === 'duplicate_wwpn' ? 'bad' : 'warn')),
    h('td', {}, finding.message),
    h('td', {}, h('ul', {class: 'plain'}, finding.devices.map((device) => h('li', {},
      h('a', {href: href(['hosts', device.host])}, device.host), '/',
      h('a', {href: href(['timeline', 'device', device.host, device.name])}, device.name))))))));
  add(first.items);
  const errors = h('div');
  replace(main,
    h('h1', {tabindex: -1}, 'Audit'),
    h('ul', {class: 'counts', 'aria-label': 'Findings by kind'}, Object.entries(KINDS).map(([kind, label]) =>
      h('li', {class: counts[kind] ? 'some' : 'none'}, h('span', {class: 'n'}, String(counts[kind] || 0)), ' ', label))),
    section('Findings', total === 0 ? h('p', {class: 'empty'}, 'Nothing to report: every WWPN is unique and every vHBA adds up.')
      : [h('table', {},
        h('caption', {}, `${total} findings, by kind, then by device`),
        h('thead', {}, h('tr', {}, ['Kind', 'Finding', 'Devices'].map((label) => h('th', {scope: 'col'}, label)))),
        body), errors, moreButton(first.next, add, errors, 'findings')]),
    first.body.staleHosts ? section('Stale hosts', table({
      caption: `${first.body.staleHostCount} hosts not heard from lately` +
        (first.body.staleHostCount > first.body.staleHosts.length ? ` (the first ${first.body.staleHosts.length})` : ''),
      rows: first.body.staleHosts,
      empty: 'Every host is reporting.',
      columns: [
        {label: 'Host', cell: (s) => h('a', {href: href(['hosts', s.host])}, s.host)},
        {label: 'Last seen (UTC)', cell: (s) => time(s.lastSeen)},
      ],
    })) : null);
}
