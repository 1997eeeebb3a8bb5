// Lists read a page at a time: `limit` in the page's address (default 100), and a button that
// follows the API's `next` cursor.

import {h, errorBox, replace} from '../dom.js';

const DEFAULT_LIMIT = 100;

/** The page size the address asks for (the API's range: 1 to 5000). */
export function pageLimit(route) {
  const asked = Number.parseInt(route.params.get('limit') || '', 10);
  return Number.isInteger(asked) && asked >= 1 && asked <= 5000 ? asked : DEFAULT_LIMIT;
}

/**
 * "Show more" while the list has a next page: each click reads it and hands its items to
 * `add(items)`; a failure is shown in `errors`. Nothing when `next` is null.
 */
export function moreButton(next, add, errors, noun) {
  if (!next) {
    return null;
  }
  let following = next;
  const button = h('button', {type: 'button', class: 'more', onclick: async () => {
    button.disabled = true;
    replace(errors);
    try {
      const read = await following();
      add(read.items);
      following = read.next;
    } catch (failure) {
      replace(errors, errorBox(failure));
    }
    button.disabled = false;
    if (!following) {
      button.replaceWith(h('p', {class: 'hint'}, `That is every one of the ${noun}.`));
    }
  }}, `Show more ${noun}`);
  return button;
}
