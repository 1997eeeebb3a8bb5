// The page's entry: the header (navigation, the as-of time) and the router that renders the page
// the URL's fragment names.

import {current, asOf, href, go, AS_OF} from './route.js';
import {h, replace, errorBox} from './dom.js';
import * as live from './live.js';
import * as search from './pages/search.js';
import * as hosts from './pages/hosts.js';
import * as host from './pages/host.js';
import * as wwpn from './pages/wwpn.js';
import * as fabric from './pages/fabric.js';
import * as npiv from './pages/npiv.js';
import * as audit from './pages/audit.js';
import * as timeline from './pages/timeline.js';

/** Each page: which fragments it serves, its navigation entry, and how it renders. */
const PAGES = [
  {match: (s) => s.length === 0, nav: 'search', page: search},
  {match: (s) => s.length === 1 && s[0] === 'hosts', nav: 'hosts', page: hosts},
  {match: (s) => s.length === 2 && s[0] === 'hosts', nav: 'hosts', page: host},
  {match: (s) => s.length === 2 && s[0] === 'wwpn', nav: 'search', page: wwpn},
  {match: (s) => s.length === 2 && s[0] === 'fabrics', nav: 'search', page: fabric},
  {match: (s) => s.length === 1 && s[0] === 'npiv', nav: 'npiv', page: npiv},
  {match: (s) => s.length === 1 && s[0] === 'audit', nav: 'audit', page: audit},
  {match: (s) => s[0] === 'timeline' && (s[1] === 'wwpn' ? s.length === 3 : s[1] === 'device' && s.length === 4),
    nav: 'search', page: timeline},
];

const main = document.getElementById('main');
let rendering = 0;

/** Renders the page of the current fragment. */
async function render({focus}) {
  const ticket = ++rendering;
  const route = current();
  const entry = PAGES.find((candidate) => candidate.match(route.segments));
  showTime();
  for (const link of document.querySelectorAll('nav a[data-page]')) {
    link.setAttribute('href', href(link.dataset.path ? [link.dataset.path] : []));
    if (entry && link.dataset.page === entry.nav) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  live.stop();
  if (!entry) {
    title('Not found');
    replace(main, h('h1', {tabindex: -1}, 'No such page'),
      h('p', {}, 'Nothing lives at this address. ', h('a', {href: href([])}, 'Search the inventory'), '.'));
    done(focus);
    return;
  }
  main.setAttribute('aria-busy', 'true');
  replace(main, h('p', {class: 'loading'}, 'Loading…'));
  const context = {
    route,
    main,
    title,
    isCurrent: () => ticket === rendering,
    announce,
  };
  try {
    await entry.page.render(context);
  } catch (failure) {
    if (ticket !== rendering) {
      return;
    }
    replace(main, h('h1', {tabindex: -1}, 'The page could not be shown'), errorBox(failure));
  }
  if (ticket === rendering) {
    done(focus);
  }
}

function done(focus) {
  main.removeAttribute('aria-busy');
  if (focus) {
    const result = main.querySelector('[data-focus]'); // what the user asked for, e.g. the NPIV answer
    const target = result || main.querySelector('h1') || main;
    target.focus({preventScroll: true});
    if (result) {
      result.scrollIntoView({block: 'start'});
    }
  }
}

function title(text) {
  document.title = `${text} · nodedex`;
}

/** Says something to screen readers (and leaves it visible in the status line). */
function announce(text) {
  const element = document.getElementById('announce');
  element.textContent = text;
}

// ---- the as-of time: RFC 3339 in the fragment, the picker shows it in UTC

const asOfForm = document.getElementById('as-of');
const asOfInput = document.getElementById('as-of-time');

function showTime() {
  const time = asOf();
  asOfInput.value = time ? toPicker(time) : '';
  const banner = document.getElementById('as-of-banner');
  banner.hidden = !time;
  banner.textContent = time ? `Showing the inventory as it was at ${time}. Live updates are off.` : '';
  document.body.classList.toggle('past', Boolean(time));
}

/** 2026-11-21T12:00:00Z (or any offset) → 2026-11-21T12:00:00 in UTC, for datetime-local. */
function toPicker(time) {
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 19);
}

/** The picker's value, read as UTC → 2026-11-21T12:00:00Z. */
function fromPicker(value) {
  if (!value) {
    return '';
  }
  const withSeconds = value.length === 16 ? value + ':00' : value;
  return withSeconds.slice(0, 19) + 'Z';
}

function withTime(time) {
  const route = current();
  const params = Object.fromEntries(route.params);
  delete params.cursor;
  return href(route.segments, {...params, [AS_OF]: time});
}

asOfForm.addEventListener('submit', (event) => {
  event.preventDefault();
  go(withTime(fromPicker(asOfInput.value)));
});
document.getElementById('as-of-now').addEventListener('click', () => go(withTime('')));

// the skip link moves the focus; it must not change the fragment, which names the page
document.querySelector('a.skip').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => render({focus: true}));
render({focus: false});
