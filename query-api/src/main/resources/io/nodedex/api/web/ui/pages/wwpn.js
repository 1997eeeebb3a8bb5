// A WWPN: GET /v1/wwpn/{wwn}, every fc_host that has it (more than one is a conflict), now or as
// of the header's time.

import {all} from '../api.js';
import {h, table, wwn, replace} from '../dom.js';
import {fcHost, portState} from '../format.js';
import {href} from '../route.js';

export async function render({route, main, title}) {
  const asked = route.segments[1];
  title(`WWPN ${asked}`);
  const heading = h('h1', {tabindex: -1}, 'WWPN ', h('span', {class: 'wwn'}, asked));
  let answer;
  try {
    answer = await all(['v1', 'wwpn', asked], {limit: 500}, 'matches');
  } catch (failure) {
    if (failure.status !== 404) {
      throw failure;
    }
    replace(main, heading, h('div', {class: 'notice', role: 'alert'}, h('strong', {}, 'Not found: '),
      failure.message + '.'), timelineLink(asked));
    return;
  }
  replace(main, h('h1', {tabindex: -1}, 'WWPN ', h('span', {class: 'wwn'}, answer.body.wwpn)), holders(answer));
}

/** Who has the WWPN (the API's message, a conflict in red) and a table of them: {body, items} of all(). */
export function holders({body, items}) {
  return [
    h('div', {class: body.conflict ? 'notice conflict' : 'notice', role: body.conflict ? 'alert' : null},
      body.message, body.asOf ? ` (as of ${body.asOf})` : ''),
    table({
      caption: body.conflict ? 'Every fc_host with this port name' : 'The fc_host with this port name',
      rows: items,
      rowProps: (match) => ({'data-host': match.host, 'data-device': match.device.name}),
      columns: [
        {label: 'Host', cell: (m) => h('a', {href: href(['hosts', m.host], {wwpn: body.wwpn})}, m.host)},
        {label: 'Device', cell: (m) => h('a', {href: href(['timeline', 'device', m.host, m.device.name])}, m.device.name)},
        {label: 'WWNN', cell: (m) => wwn(fcHost(m.device)?.wwnn)},
        {label: 'Parent', cell: (m) => m.device.parent || '—'},
        {label: 'Port state', cell: (m) => portState(fcHost(m.device)?.portState)},
        {label: 'Fabric WWN', cell: (m) => wwn(fcHost(m.device)?.fabricWwn)},
      ],
    }),
    timelineLink(body.wwpn),
  ];
}

function timelineLink(value) {
  return h('p', {}, h('a', {href: href(['timeline', 'wwpn', value])}, `Who held ${value}, over time`));
}
