// NPIV parent: GET /v1/npiv/parent with the criteria the API takes (a host; at most one of a
// parent name, a WWNN and WWPN pair, or a fabric WWN; a policy). Shows the parent chosen and
// every candidate with its reason; under a chosen parent, now, a way to create a vHBA there
// (npiv-create.js).

import {get} from '../api.js';
import {h, table, facts, badge, wwn, errorBox, replace} from '../dom.js';
import {count} from '../format.js';
import {href, go, asOf} from '../route.js';
import {createPanel} from './npiv-create.js';

const CRITERIA = [
  {value: 'any', label: 'Any vport-capable HBA', fields: []},
  {value: 'parent', label: 'A named parent', fields: [['parent', 'Parent device name', 'scsi_host3']]},
  {value: 'pair', label: 'A parent WWNN and WWPN', fields: [['parentWwnn', 'Parent WWNN', '20000090fa92dfc4'],
    ['parentWwpn', 'Parent WWPN', '10000090fa92dfc4']]},
  {value: 'fabric', label: 'A fabric', fields: [['parentFabricWwn', 'Fabric WWN', '100000051ebb0359']]},
];
const POLICIES = [
  ['lowest-wwpn', 'lowest-wwpn: the lowest WWPN (stable across reboots)'],
  ['most-free', 'most-free: the most free vports, then the lowest WWPN'],
];

export async function render({route, main, title, isCurrent}) {
  title('NPIV parent');
  const params = route.params;
  const chosen = CRITERIA.find((criterion) => criterion.fields.some(([name]) => params.get(name))) || CRITERIA[0];
  const form = h('form', {class: 'npiv', 'aria-describedby': 'npiv-hint'},
    h('div', {class: 'field'}, h('label', {for: 'npiv-host'}, 'Host'),
      h('input', {id: 'npiv-host', name: 'host', required: true, autocomplete: 'off', spellcheck: 'false',
        value: params.get('host') || '', placeholder: 'hv01'})),
    h('fieldset', {},
      h('legend', {}, 'The parent must be'),
      CRITERIA.map((criterion) => h('div', {class: 'criterion'},
        h('span', {class: 'choice'},
          h('input', {type: 'radio', name: 'criterion', id: `npiv-${criterion.value}`, value: criterion.value,
            checked: criterion === chosen, onchange: () => enable(form)}),
          h('label', {for: `npiv-${criterion.value}`}, criterion.label)),
        h('span', {class: 'fields'}, criterion.fields.map(([name, label, example]) => h('span', {class: 'field inline'},
          h('label', {for: `npiv-${name}`}, label),
          h('input', {id: `npiv-${name}`, name, 'data-criterion': criterion.value, autocomplete: 'off',
            spellcheck: 'false', placeholder: example, value: params.get(name) || '', required: true}))))))),
    h('div', {class: 'field'}, h('label', {for: 'npiv-policy'}, 'Policy'),
      h('select', {id: 'npiv-policy', name: 'policy'}, POLICIES.map(([value, label]) =>
        h('option', {value, selected: (params.get('policy') || 'lowest-wwpn') === value}, label)))),
    h('p', {id: 'npiv-hint', class: 'hint'}, 'Every fc_host of the host is a candidate; the answer says why each was ',
      'accepted or refused. WWNs in any case, with or without 0x.'),
    h('button', {type: 'submit'}, 'Choose a parent'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const query = {host: data.get('host').trim(), policy: data.get('policy')};
    for (const input of form.querySelectorAll('input[data-criterion]:not(:disabled)')) {
      query[input.name] = input.value.trim();
    }
    go(href(['npiv'], query));
  });
  enable(form);
  const result = h('div', {class: 'npiv-result', 'aria-live': 'polite'});
  replace(main, h('h1', {tabindex: -1}, 'NPIV parent'), form, result);
  if (!params.get('host')) {
    return;
  }
  const query = {host: params.get('host'), policy: params.get('policy')};
  for (const criterion of CRITERIA) {
    for (const [name] of criterion.fields) {
      query[name] = params.get(name);
    }
  }
  replace(result, h('p', {class: 'loading'}, 'Asking the API…'));
  let answer;
  try {
    answer = await get(['v1', 'npiv', 'parent'], query);
  } catch (failure) {
    if (isCurrent()) {
      replace(result, errorBox(failure));
    }
    return;
  }
  if (isCurrent()) {
    const creating = answer.body.parent && !asOf() ? createPanel(criteria(query), answer.body.parent, isCurrent) : null;
    const [outcome, candidates] = show(answer.status, answer.body);
    replace(result, outcome, creating, candidates);
  }
}

/** The query's criteria as POST /v1/vhbas takes them: the host, the given criterion, the policy. */
function criteria(query) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== null && value !== undefined
    && value !== ''));
}

/** Only the chosen criterion's fields are sent (and required). */
function enable(form) {
  const criterion = form.querySelector('input[name=criterion]:checked').value;
  for (const input of form.querySelectorAll('input[data-criterion]')) {
    input.disabled = input.dataset.criterion !== criterion;
  }
}

function show(status, answer) {
  const parent = answer.parent;
  const outcome = parent
    ? h('section', {class: 'chosen', 'aria-labelledby': 'chosen-title'},
      h('h2', {id: 'chosen-title', tabindex: -1, 'data-focus': 'result'}, 'Chosen parent: ', h('span', {class: 'id'}, parent.name)),
      facts([
        ['Host', h('a', {href: href(['hosts', answer.host], {wwpn: parent.wwpn})}, answer.host)],
        ['WWNN', wwn(parent.wwnn)],
        ['WWPN', wwn(parent.wwpn)],
        ['Fabric WWN', wwn(parent.fabricWwn)],
        ['Vports', [count(parent.vports), ' in use of ', count(parent.maxVports), ', ', count(parent.freeVports),
          ' free']],
        ['Policy', answer.policy],
      ]),
      h('p', {class: 'message'}, answer.message))
    : h('div', {class: status === 409 ? 'notice conflict' : 'notice', role: 'alert', tabindex: -1, 'data-focus': 'result'},
      h('strong', {}, status === 409 ? 'Conflict: ' : 'No parent qualifies: '), answer.message);
  return [outcome, h('section', {'aria-labelledby': 'candidates-title'},
    h('h2', {id: 'candidates-title'}, 'Candidates'),
    table({
      caption: 'Every fc_host of the host: accepted ones in policy order, then the refused ones',
      rows: answer.candidates,
      rowProps: (c) => ({'data-candidate': c.name,
        class: [c.accepted ? 'accepted' : 'refused', parent?.name === c.name ? 'chosen' : ''].join(' ').trim()}),
      columns: [
        {label: 'Name', cell: (c) => c.name},
        {label: 'Verdict', cell: (c) => parent?.name === c.name ? badge('chosen', 'good')
          : c.accepted ? badge('accepted', 'info') : badge('refused', 'bad')},
        {label: 'Reason', cell: (c) => c.reason},
      ],
    }))];
}
