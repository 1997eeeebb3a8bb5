// The web page's scenarios, each what a user does and what they must see, in Debian's headless
// Chromium driven by playwright-core. WebPageTest (cli/src/test/java) starts an all-in-one, works
// out the facts of its simulated fleet, and runs the scenarios in one browser:
//
//   node e2e.mjs FACTS.json RESULTS.json SCENARIO...
//
// FACTS.json: {"baseUrl", "chromium", "screenshots" (a directory), and each scenario's facts}.
// RESULTS.json, written at the end: {SCENARIO: {"passed", "output"}}, the output saying what was
// expected and what the page showed.

import {chromium} from 'playwright-core';
import {strict as assert} from 'node:assert';
import {readFile, writeFile, rename, mkdir} from 'node:fs/promises';
import path from 'node:path';

const WAIT = 15_000;
const LIVE_WAIT = 30_000;

const scenarios = {
  /** A WWPN typed in upper case with colons lands on its host's page, on its HBA. */
  async searchWwpnWithColons(page, {search}) {
    await page.goto('/');
    await page.getByLabel('WWPN, host or fabric WWN').fill(search.typedWithColons);
    await page.getByRole('button', {name: 'Search', exact: true}).click();
    await page.waitForURL((url) => url.hash === `#/hosts/${search.host}?wwpn=${search.wwpn}`, {timeout: WAIT});
    await expectText(page.locator('h1'), `Host ${search.host}`);
    const row = page.locator('tr.highlight');
    await row.waitFor({timeout: WAIT});
    assert.equal(await row.getAttribute('data-device'), search.device, 'the highlighted HBA');
    await expectText(row, search.wwpn);
    await expectText(row, search.portState);
    await expectText(page.locator('#section-hbas'), 'HBAs');
    await screenshot(page, 'host.png');
  },

  /** A WWPN two hosts hold, typed as 0X and upper case, lists both; a WWN nobody has says so. */
  async searchDuplicateWwpn(page, {duplicate}) {
    await page.goto('/');
    await page.getByLabel('WWPN, host or fabric WWN').fill(duplicate.typedWith0x);
    await page.keyboard.press('Enter');
    await expectText(page.locator('#results .notice.conflict'), `WWPN ${duplicate.wwpn} is used by 2 fc_hosts`);
    await expectRowsOf(page.locator('#results tbody tr'), duplicate.hosts);
    assert.equal(await page.getByLabel('WWPN, host or fabric WWN').inputValue(), duplicate.typedWith0x,
      'the search box keeps what was typed');
    await screenshot(page, 'search.png');

    await page.goto('/#/');
    await page.getByLabel('WWPN, host or fabric WWN').fill(duplicate.nobodys);
    await page.keyboard.press('Enter');
    await expectText(page.locator('#results [role=alert]'), 'Not found');
    await expectText(page.locator('#results [role=alert]'), `no fc_host has WWPN ${duplicate.nobodysCanonical}`);
  },

  /** The NPIV form: the chosen parent, and each candidate's verdict and reason. */
  async npivParent(page, {npiv}) {
    await page.goto('/#/npiv');
    await page.getByLabel('Host', {exact: true}).fill(npiv.host);
    await page.getByLabel('A fabric', {exact: true}).check();
    await page.getByLabel('Fabric WWN', {exact: true}).fill('0x' + npiv.fabric.toUpperCase());
    await page.getByRole('button', {name: 'Choose a parent'}).click();
    await expectText(page.locator('#chosen-title'), `Chosen parent: ${npiv.chosen}`);
    await expectCandidate(page, npiv.chosen, 'chosen', 'Online');
    await expectCandidate(page, npiv.otherAccepted, 'accepted', 'Online');
    await expectCandidate(page, npiv.linkdown, 'refused', 'port state Linkdown, not Online');
    await expectCandidate(page, npiv.elsewhere, 'refused', `is not the requested fabric ${npiv.fabric}`);
    await expectCandidate(page, npiv.vhba, 'refused', 'vHBA: no vport_ops');
    await screenshot(page, 'npiv.png');

    await page.getByLabel('Policy', {exact: true}).selectOption('most-free');
    await page.getByRole('button', {name: 'Choose a parent'}).click();
    await expectText(page.locator('#chosen-title'), `Chosen parent: ${npiv.mostFree}`);
  },

  /** The audit, a finding a page: the planted duplicate WWPN first, the rest behind "Show more". */
  async audit(page, {audit}) {
    await page.goto('/#/audit?limit=1');
    const rows = page.locator('tbody tr[data-kind]');
    await expectText(rows.first(), 'Duplicate WWPN');
    await expectText(rows.first(), `WWPN ${audit.duplicateWwpn} is used by 2 fc_hosts`);
    for (const device of audit.duplicateDevices) {
      await expectText(rows.first(), device);
    }
    assert.equal(await rows.count(), 1, 'findings on the first page of one');
    await page.getByRole('button', {name: 'Show more findings'}).click();
    await expectText(rows.nth(1), 'Vport count mismatch');
    await expectText(rows.nth(1), `parent ${audit.miscountedParent} reports`);
    await screenshot(page, 'audit.png');
  },

  /** A WWPN that moved between hosts: now on its new host, as of a time in between on its first. */
  async asOfShowsTheEarlierHolder(page, {moved}) {
    await page.goto(`/#/wwpn/${moved.wwpn}`);
    await expectRows(page, [moved.later.host]);
    // the field shows a time on a whole minute without its seconds
    await page.getByLabel('As of (UTC)').fill(moved.asOf.replace(/Z$/, '').replace(/(T\d\d:\d\d):00$/, '$1'));
    await page.getByRole('button', {name: 'Apply'}).click();
    await page.waitForURL((url) => url.hash.endsWith(`asOf=${encodeURIComponent(moved.asOf)}`), {timeout: WAIT});
    await expectText(page.locator('#as-of-banner'), `as it was at ${moved.asOf}`);
    await expectRows(page, [moved.earlier.host]);
    await expectText(page.locator('tbody tr'), moved.earlier.device);
    await page.getByRole('button', {name: 'Now'}).click();
    await expectRows(page, [moved.later.host]);

    // a fleet-wide route: the fabric of the vHBA's first parent lists the vHBA as of then (with
    // its parent), and now only its parent
    const rowOf = (device) => `tr[data-host="${moved.earlier.host}"][data-device="${device}"]`;
    await page.goto(`/#/fabrics/${moved.earlier.fabric}?limit=5000&asOf=${encodeURIComponent(moved.asOf)}`);
    await expectText(page.locator('#as-of-banner'), `as it was at ${moved.asOf}`);
    await expectCounts(page, {[rowOf(moved.earlier.parent)]: 1, [rowOf(moved.earlier.device)]: 1},
      `${moved.earlier.host}'s parent and vHBA on fabric ${moved.earlier.fabric} then`);
    await page.getByRole('button', {name: 'Now'}).click();
    await page.waitForURL((url) => !url.hash.includes('asOf='), {timeout: WAIT});
    await expectCounts(page, {[rowOf(moved.earlier.parent)]: 1, [rowOf(moved.earlier.device)]: 0},
      `${moved.earlier.host}'s parent and vHBA on fabric ${moved.earlier.fabric} now`);
  },

  /** Timelines: the WWPN's holders from when to when, the device's versions and what changed. */
  async timelines(page, {moved, changed}) {
    await page.goto(`/#/hosts/${moved.later.host}`);
    await page.locator(`a[href*="timeline/wwpn/${moved.wwpn}"]`).click();
    await expectText(page.locator('h1'), `Timeline of WWPN ${moved.wwpn}`);
    const holders = page.locator('tbody tr');
    await expectRowsOf(holders, [moved.earlier.host, moved.later.host]);
    assert.match(await holders.nth(0).locator('td').nth(3).innerText(), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/,
      'the first holding ended');
    await expectText(holders.nth(1).locator('td').nth(3), 'now');
    await screenshot(page, 'timeline-wwpn.png');

    await page.goto(`/#/timeline/device/${changed.host}/${changed.device}`);
    const versions = page.locator('tbody tr');
    await expectText(versions.last(), 'now');
    await expectText(versions.last(), `fc_host portState: ${changed.from} → ${changed.to}`);
    await screenshot(page, 'timeline-device.png');
  },

  /**
   * A server with tokens: the page asks for one, says when it is refused, keeps it for the tab,
   * disables "Create a vHBA here" for a token that may only read, and follows the change feed
   * with it.
   */
  async token(page, {token, tokenLive, npiv}) {
    await page.goto(`${token.baseUrl}/#/hosts`);
    const field = page.getByLabel('Bearer token');
    await field.waitFor({timeout: WAIT});
    await expectText(page.locator('#token-reason'), 'GET /v1/hosts needs a bearer token');
    await field.fill('not-' + token.token);
    await page.getByRole('button', {name: 'Use token'}).click();
    await expectText(page.locator('#token-reason'), 'The API refused the token: the bearer token is not one this');
    await field.fill(token.token);
    await page.keyboard.press('Enter');
    await expectRows(page, token.hosts);
    await page.reload();
    await expectRows(page, token.hosts);
    assert.equal(await page.locator('dialog').evaluate((dialog) => dialog.open), false, 'asked again after a reload');

    // a read token: "Create a vHBA here" is refused, then disabled with the API's reason, also after a reload
    await page.goto(`${token.baseUrl}/#/npiv?host=${npiv.host}&parentFabricWwn=${npiv.fabric}`);
    await expectText(page.locator('#chosen-title'), `Chosen parent: ${npiv.chosen}`);
    await page.getByRole('button', {name: 'Create a vHBA here'}).click();
    await expectText(page.locator('#create-reason'), 'Only an admin token can create vHBAs: ');
    assert.equal(await page.getByRole('button', {name: 'Create a vHBA here'}).isDisabled(), true, 'disabled');
    await page.reload();
    await expectText(page.locator('#create-reason'), 'Only an admin token can create vHBAs: ');
    assert.equal(await page.getByRole('button', {name: 'Create a vHBA here'}).isDisabled(), true, 'disabled after a reload');

    await page.goto(`${token.baseUrl}/#/hosts/${tokenLive.host}`);
    await expectLiveEdit(page, tokenLive);
  },

  /**
   * Creating a vHBA from the NPIV page: the button under the chosen parent posts the request, the
   * page shows the vHBA created, and its host page lists it under that parent, whose vports in
   * use went up by one. Deleted again through the API, it goes from the open page.
   */
  async npivCreate(page, {create}) {
    await page.goto(`/#/npiv?host=${create.host}&parentFabricWwn=${create.fabric}`);
    await expectText(page.locator('#chosen-title'), `Chosen parent: ${create.parent}`);
    await page.getByLabel('WWPN (optional)').fill(create.typedWwpn);
    await page.getByLabel('WWNN (optional)').fill(create.wwnn);
    const requestId = await page.locator('section.create .id').last().innerText();
    assert.match(requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID request id');
    await page.getByRole('button', {name: 'Create a vHBA here'}).click();
    const created = page.locator('section.created');
    await expectText(page.locator('section.create .create-outcome'), 'Created vHBA scsi_host', LIVE_WAIT);
    await expectText(created, create.wwpn);
    await expectText(created, create.wwnn);
    await expectText(created, create.parent);
    await expectText(created, requestId);
    const name = (await page.locator('#created-title .id').innerText()).trim();
    await screenshot(page, 'npiv-create.png');

    await created.getByRole('link').click();
    await page.waitForURL((url) => url.hash === `#/hosts/${create.host}?wwpn=${create.wwpn}`, {timeout: WAIT});
    const vhba = page.locator(`tr[data-wwpn="${create.wwpn}"]`);
    await expectText(vhba.locator('td').nth(0), name);
    await expectText(vhba.locator('td').nth(3), create.parent);
    assert.match(await vhba.getAttribute('class') || '', /\bhighlight\b/, 'the new vHBA is highlighted');
    const inUse = page.locator(`tr[data-device="${create.parent}"] td`).nth(7);
    await expectExactText(inUse, String(create.vportsInUse + 1));

    await page.locator('#live[data-state="live"]').waitFor({timeout: WAIT});
    const deleted = await fetch(`${create.baseUrl}/v1/vhbas/${create.host}/${name}?wait=30s`, {method: 'DELETE'});
    assert.equal(deleted.status, 200, `DELETE answered ${deleted.status}: ${await deleted.text()}`);
    await expectCounts(page, {[`tr[data-wwpn="${create.wwpn}"]`]: 0}, 'rows of the deleted vHBA', LIVE_WAIT);
    await expectExactText(inUse, String(create.vportsInUse), LIVE_WAIT);
  },

  /** A sysfs edit on a host arrives on its open page without a reload. */
  async liveUpdate(page, {live}) {
    await page.goto(`/#/hosts/${live.host}`);
    await expectLiveEdit(page, live);
  },
};

/**
 * On a host's page: the header says Live; the edit (a port's port_state file, rewritten) shows
 * in the port's row, highlighted, without a reload.
 */
async function expectLiveEdit(page, edit) {
  const row = page.locator(`tr[data-device="${edit.device}"]`);
  await expectText(row, edit.from);
  await page.locator('#live[data-state="live"]').waitFor({timeout: WAIT});
  await page.evaluate(() => {
    window.stillTheSamePage = true;
  });
  await writeFile(edit.file + '.next', edit.to + '\n'); // replaced at once: a rescan sees old or new
  await rename(edit.file + '.next', edit.file);
  await expectText(row, edit.to, LIVE_WAIT);
  assert.match(await row.getAttribute('class') || '', /\bchanged\b/, 'the changed row is highlighted');
  assert.equal(await page.evaluate(() => window.stillTheSamePage), true, 'the page was not reloaded');
  await expectText(page.locator('#live'), 'Live');
}

// ---- expectations

async function expectText(locator, text, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = await locator.first().innerText({timeout: 1_000}).catch(() => seen);
    if (seen.includes(text)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new assert.AssertionError({message: `expected "${text}" in ${locator}; it showed "${seen}"`, actual: seen, expected: text,
    operator: 'includes'});
}

async function expectExactText(locator, text, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await locator.first().innerText({timeout: 1_000}).catch(() => seen)).trim();
    if (seen === text) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(seen, text, `the text of ${locator}`);
}

async function expectRows(page, hosts) {
  await expectRowsOf(page.locator('tbody tr'), hosts);
}

async function expectRowsOf(rows, hosts) {
  const deadline = Date.now() + WAIT;
  let seen = [];
  while (Date.now() < deadline) {
    seen = await rows.evaluateAll((all) => all.map((row) => row.dataset.host));
    if (JSON.stringify(seen) === JSON.stringify(hosts)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(seen, hosts, 'the hosts of the rows');
}

/** The number of rows each selector matches, all at once: {selector: count}. */
async function expectCounts(page, counts, what, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  const read = () => page.evaluate((selectors) => Object.fromEntries(selectors.map((selector) =>
    [selector, document.querySelectorAll(selector).length])), Object.keys(counts));
  let seen = await read();
  while (JSON.stringify(seen) !== JSON.stringify(counts) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await read();
  }
  assert.deepEqual(seen, counts, what);
}

async function expectCandidate(page, name, verdict, reason) {
  const row = page.locator(`tr[data-candidate="${name}"]`);
  await expectText(row.locator('td').nth(1), verdict);
  await expectText(row.locator('td').nth(2), reason);
}

let screenshots = '';

async function screenshot(page, name) {
  await page.mouse.move(0, 799); // no row under the pointer
  await mkdir(screenshots, {recursive: true});
  await page.screenshot({path: path.join(screenshots, name)});
}

// ---- the run: one browser, a fresh context (no storage, no history) for each scenario

const [factsFile, resultsFile, ...asked] = process.argv.slice(2);
const unknown = asked.filter((name) => !scenarios[name]);
if (!resultsFile || asked.length === 0 || unknown.length > 0) {
  console.error(`usage: node e2e.mjs FACTS.json RESULTS.json SCENARIO...; scenarios: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const facts = JSON.parse(await readFile(factsFile, 'utf8'));
screenshots = facts.screenshots;
const browser = await chromium.launch({executablePath: facts.chromium, args: ['--disable-quic']});
const results = {};
try {
  for (const name of asked) {
    results[name] = await run(name);
    console.log(`${name}: ${results[name].passed ? 'passed' : 'FAILED'}`);
  }
} finally {
  await browser.close();
}
await writeFile(resultsFile, JSON.stringify(results, null, 2));

/** One scenario: {passed, output}, the output saying what was expected and what the page showed. */
async function run(name) {
  const context = await browser.newContext({baseURL: facts.baseUrl, viewport: {width: 1280, height: 800},
    locale: 'en-GB', timezoneId: 'UTC'});
  const problems = [];
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) {
        problems.push(`refused by the Content-Security-Policy: ${message.text()}`);
      }
    });
    await scenarios[name](page, facts);
    assert.deepEqual(problems, [], 'script errors and CSP refusals');
    return {passed: true, output: ''};
  } catch (failure) {
    return {passed: false, output: [String(failure.stack || failure), ...problems].join('\n')};
  } finally {
    await context.close();
  }
}
