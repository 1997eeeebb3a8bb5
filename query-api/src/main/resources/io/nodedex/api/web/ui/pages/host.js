// A host: GET /v1/hosts/{host} and every page of /v1/hosts/{host}/devices. Its HBAs, its vHBAs
// with their parents, its other devices. Live: a change to the host re-reads and re-draws the
// page, and the rows that changed light up for a moment.

import {get, all} from '../api.js';
import {h, table, section, wwn, facts, badge, errorBox, replace} from '../dom.js';
import {fcHost, vportOps, portState, count, time} from '../format.js';
import {href, asOf} from '../route.js';
import * as live from '../live.js';

const SETTLE_MILLIS = 150;

export async function render({route, main, title, isCurrent, announce}) {
  const hostId = route.segments[1];
  const highlight = (route.params.get('wwpn') || '').toLowerCase();
  title(`Host ${hostId}`);
  const view = h('div', {class: 'host'});
  const problems = h('div');
  let changed = new Set();

  const load = async () => {
    const [info, devices] = await Promise.all([
      get(['v1', 'hosts', hostId]),
      all(['v1', 'hosts', hostId, 'devices'], {limit: 500}, 'devices'),
    ]);
    if (!isCurrent()) {
      return;
    }
    draw(view, info.body, devices.items, highlight, changed);
    changed = new Set();
    replace(problems);
  };
  await load();
  if (!isCurrent()) {
    return;
  }
  replace(main, problems, view);
  const target = view.querySelector('tr.highlight');
  if (target) {
    target.scrollIntoView({block: 'center'});
  }

  if (asOf()) {
    live.off('the page shows a past time');
    return;
  }
  let timer = null;
  const reload = () => {
    timer = null;
    load().catch((failure) => {
      if (isCurrent()) {
        replace(problems, errorBox(failure));
      }
    });
  };
  live.watch({host: hostId}, {
    onOpen: reload,
    onChange: (change) => {
      if (change.host !== hostId || !isCurrent()) {
        return;
      }
      changed.add(change.kind === 'device' ? change.name : '');
      announce(`${hostId}: ${change.kind === 'device' ? change.name : 'the host'} ${change.change} at ${change.time}`);
      if (!timer) {
        timer = setTimeout(reload, SETTLE_MILLIS); // a burst of changes is read once
      }
    },
  });
}

function draw(view, info, devices, highlight, changed) {
  const openOthers = view.querySelector('details.others')?.open || false;
  const parents = new Set(info.vportParents);
  const vhbas = new Set(info.vhbas);
  const hbas = devices.filter((device) => parents.has(device.name));
  const virtual = devices.filter((device) => vhbas.has(device.name));
  const others = devices.filter((device) => !parents.has(device.name) && !vhbas.has(device.name));
  const rowProps = (device) => {
    const port = fcHost(device);
    const classes = [];
    if (highlight && port?.wwpn === highlight) {
      classes.push('highlight');
    }
    if (changed.has(device.name)) {
      classes.push('changed');
    }
    return {'data-device': device.name, 'data-wwpn': port?.wwpn, class: classes.join(' ') || null};
  };
  replace(view,
    h('h1', {tabindex: -1, class: changed.has('') ? 'changed' : null}, 'Host ', h('span', {class: 'id'}, info.host)),
    facts([
      ['Last seen (UTC)', time(info.lastSeen)],
      ['Status', info.stale ? badge('stale: not heard from lately', 'bad') : badge('reporting', 'good')],
      ['Devices', String(info.deviceCount)],
      ['NPIV', h('a', {href: href(['npiv'], {host: info.host})}, 'Choose a parent for a new vHBA')],
    ]),
    section('HBAs', table({
      caption: 'Physical Fibre Channel ports that can host vHBAs (fc_host with vport_ops)',
      rows: hbas,
      rowProps,
      empty: 'This host has no vport-capable HBA.',
      columns: [
        {label: 'Name', cell: (d) => deviceLink(info.host, d.name)},
        {label: 'WWNN', cell: (d) => wwn(fcHost(d)?.wwnn)},
        {label: 'WWPN', cell: (d) => wwpnLink(fcHost(d)?.wwpn)},
        {label: 'Port state', cell: (d) => portState(fcHost(d)?.portState)},
        {label: 'Speed', cell: (d) => fcHost(d)?.speed || '—'},
        {label: 'Fabric WWN', cell: (d) => fabricLink(fcHost(d)?.fabricWwn)},
        {label: 'Max vports', class: 'number', cell: (d) => count(vportOps(d)?.maxVports)},
        {label: 'In use', class: 'number', cell: (d) => count(vportOps(d)?.vports)},
        {label: 'Free', class: 'number', cell: (d) => count(vportOps(d)?.freeVports)},
      ],
    })),
    section('vHBAs', table({
      caption: 'Virtual ports created on a parent HBA (NPIV)',
      rows: virtual,
      rowProps,
      empty: 'This host has no vHBA.',
      columns: [
        {label: 'Name', cell: (d) => deviceLink(info.host, d.name)},
        {label: 'WWNN', cell: (d) => wwn(fcHost(d)?.wwnn)},
        {label: 'WWPN', cell: (d) => wwpnLink(fcHost(d)?.wwpn)},
        {label: 'Parent', cell: (d) => d.parent ? deviceLink(info.host, d.parent) : h('span', {class: 'none'}, 'none')},
        {label: 'Port state', cell: (d) => portState(fcHost(d)?.portState)},
        {label: 'Fabric WWN', cell: (d) => fabricLink(fcHost(d)?.fabricWwn)},
      ],
    })),
    section('Other devices', h('details', {class: 'others', open: openOthers},
      h('summary', {}, `${others.length} other devices`),
      table({
        rows: others,
        rowProps,
        columns: [
          {label: 'Name', cell: (d) => deviceLink(info.host, d.name)},
          {label: 'Capabilities', cell: (d) => (d.capabilities || []).map((cap) => cap.type).join(', ')},
          {label: 'Parent', cell: (d) => d.parent || '—'},
          {label: 'Driver', cell: (d) => d.driver || '—'},
        ],
      }))),
  );

  function deviceLink(host, name) {
    return h('a', {href: href(['timeline', 'device', host, name]), title: `Versions of ${name}`}, name);
  }
}

function wwpnLink(value) {
  return value ? h('a', {class: 'wwn', href: href(['timeline', 'wwpn', value]), title: `Who held ${value}, over time`}, value)
    : wwn(value);
}

function fabricLink(value) {
  return value ? h('a', {class: 'wwn', href: href(['fabrics', value]), title: `Every port on fabric ${value}`}, value)
    : wwn(value);
}
