// Building the page's elements. Text always goes in as text nodes, never as HTML, so nothing the
// API returns can become markup.

/**
 * An element: h('a', {href: '#/hosts', class: 'x', onclick: f}, 'text', child, [more]).
 * Properties starting with "on" become listeners; false, null and undefined are left out.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.append(child);
    } else if (child !== null && child !== undefined && child !== false) {
      element.append(String(child));
    }
  }
}

/**
 * A table: columns are {label, cell(row) -> content, class?}; rowProps(row) gives each row's
 * attributes. An empty list shows `empty` instead.
 */
export function table({caption, columns, rows, rowProps = () => ({}), empty = 'None.'}) {
  if (rows.length === 0) {
    return h('p', {class: 'empty'}, empty);
  }
  return h('table', {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, columns.map((column) => h('th', {scope: 'col', class: column.class}, column.label)))),
    h('tbody', {}, rows.map((row) => h('tr', rowProps(row),
      columns.map((column) => h('td', {class: column.class}, column.cell(row)))))));
}

/** A section with a heading (h2) and its content. */
export function section(title, ...content) {
  const id = 'section-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', {'aria-labelledby': id}, h('h2', {id}, title), content);
}

/** A fixed-width WWN, or a dash. */
export function wwn(value) {
  return value ? h('span', {class: 'wwn'}, value) : h('span', {class: 'none'}, '—');
}

/** The label/value pairs of a summary. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(Boolean).map(([label, value]) =>
    h('div', {}, h('dt', {}, label), h('dd', {}, value))));
}

/** A small coloured label. */
export function badge(text, tone) {
  return h('span', {class: 'badge ' + tone}, text);
}

/** Replaces the children of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A failure as the page shows it: an API error with the API's own status, code and message. */
export function errorBox(failure) {
  if (typeof failure?.describe === 'function') {
    return h('div', {class: 'error', role: 'alert'}, h('strong', {}, 'The API answered '), failure.describe());
  }
  return h('div', {class: 'error', role: 'alert'}, String(failure?.message || failure));
}
