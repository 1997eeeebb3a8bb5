// Reading the API's device shape (io.nodedex.json.DeviceJson) and the search box's input.

import {h, badge} from './dom.js';

/** The capability of `type` of a device, or null. */
export function capability(device, type) {
  return (device?.capabilities || []).find((cap) => cap.type === type) || null;
}

/** The fc_host of a device, or null. */
export function fcHost(device) {
  return capability(device, 'fc_host');
}

/** The vport_ops of a device, or null. */
export function vportOps(device) {
  return capability(device, 'vport_ops');
}

/** A port state as a coloured label: Online green, Linkdown and other troubles red. */
export function portState(state) {
  if (!state) {
    return h('span', {class: 'none'}, '—');
  }
  const tone = state === 'Online' ? 'good' : /down|offline|error|blocked|lost/i.test(state) ? 'bad' : 'neutral';
  return badge(state, tone);
}

/** A count that may be unknown (null). */
export function count(value) {
  return value === null || value === undefined ? h('span', {class: 'none'}, 'unknown') : String(value);
}

/** An RFC 3339 time as the API gives it (UTC), to the millisecond. */
export function time(text) {
  if (!text) {
    return h('span', {class: 'none'}, 'now');
  }
  return h('time', {datetime: text, title: text}, text.replace(/(\.\d{3})\d*Z$/, '$1Z').replace('T', ' '));
}

/**
 * What the search box holds: {wwn: '16 hex digits'} for a WWN in any case, with or without 0x,
 * with or without colons; always {text}, the input without blanks around it.
 */
export function searchTerm(input) {
  const text = input.trim();
  const digits = text.replace(/[:\s-]/g, '').replace(/^0x/i, '');
  const wwn = /^[0-9a-f]{1,16}$/i.test(digits) ? digits.toLowerCase().padStart(16, '0') : '';
  return {text, wwn};
}

/** One field a version changed, as the API names it ({"field", "from", "to"}): "what: old → new". */
export function fieldChange({field, from, to}) {
  if (from === undefined) {
    return `${field}: ${to} (new)`;
  }
  if (to === undefined) {
    return `${field}: ${from} (gone)`;
  }
  return `${field}: ${from} → ${to}`;
}
