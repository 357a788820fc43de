// Browser end-to-end test: a group and a survey, end to end in the web UI.
//
// Run by tests/e2e/run.sh after cycle.test.mjs, on the same server, in English
// then in Japanese. run.sh seeds through the CLI what the web UI does not make:
// "E2E Group" with 55 subsidiaries (and one below "E2E Sub 01"), four of them
// with A-1 scored, and E2E_GROUP_USER, an administrator of "E2E Group".
//   1. The group's administrator opens the group view: the subsidiaries' heat
//      map, 50 organizations a page ("Next page", "First page"), the spread of
//      the whole group, and the CSV download of the whole group.
//   2. The coordinator (E2E_USER, a site administrator) creates a survey at
//      /surveys, invites two subsidiaries and makes an outside link.
//   3. A respondent on a phone (390 px), WITHOUT a session, opens /s/{token},
//      answers, is refused a bad score with a message naming the service,
//      corrects it, saves, then revises the answers.
//   4. The coordinator sees the response counted.
// Every page: no sideways scrolling on the phone, no violation axe-core finds,
// screenshots in E2E_SHOTS (group-*/survey-*, phone and desk).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { TIMEOUT, clickAndLoad, visible } from './browser.mjs';
import { esc, wordsOf } from './words.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const LANG = process.env.LANG_UNDER_TEST || 'en';
const BASE = process.env.E2E_BASE_URL;
const USER = process.env.E2E_USER;
const PASSWORD = process.env.E2E_PASSWORD;
const GROUP_USER = process.env.E2E_GROUP_USER;
const SHOTS = process.env.E2E_SHOTS || join(ROOT, 'build', 'e2e-screenshots', LANG);
const CHROMIUM = process.env.E2E_CHROMIUM || '/usr/bin/chromium';
const FW = 'x1060-2021';
const VIEWPORTS = { phone: { width: 390, height: 844 }, desk: { width: 1280, height: 900 } };

if (!['en', 'ja'].includes(LANG)) throw new Error(`LANG_UNDER_TEST must be en or ja, not ${LANG}`);
if (!BASE || !USER || !PASSWORD || !GROUP_USER)
  throw new Error('run through tests/e2e/run.sh (E2E_BASE_URL, E2E_USER, E2E_PASSWORD, E2E_GROUP_USER)');

// ---- the words of the user interface (src/i18n/*.def), as cycle.test.mjs reads them ----

const t = wordsOf(ROOT, LANG);

const SURVEY = LANG === 'ja' ? 'E2E 国内調査' : 'E2E national survey';
const RESPONDENT = LANG === 'ja' ? '外部 回答者' : 'Outside Respondent';

// ---- the browser: a desk context (signed in) and a phone context (no session) ----

let browser, desk, phone, page;
let broken = null;
const problems = [];
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

function watch(p) {
  p.on('response', (r) => {
    // a refused answer is a 400 the test asks for; every other error page is a problem
    if (r.request().resourceType() === 'document' && r.status() >= 400 && !(r.status() === 400 && /\/s\//.test(r.url())))
      problems.push(`HTTP ${r.status()} for ${r.request().method()} ${r.url()}`);
    else if (r.status() >= 500) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  p.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
}

function step(name, fn) {
  it(name, async (tc) => {
    if (broken) {
      tc.skip(`after the failed step "${broken}"`);
      return;
    }
    const before = problems.length;
    try {
      await fn(tc);
      assert.deepEqual(problems.slice(before), [], 'the browser saw errors');
    } catch (err) {
      broken = name;
      await page?.screenshot({ path: join(SHOTS, `group_survey-FAILED-${name.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
      tc.diagnostic(`url: ${page?.url()}`);
      throw err;
    }
  });
}

// Violations found in pages this test does not own, reported to their owners and noted here
// (printed on every run) so the rest of the flow is still checked: page -> axe rule ids.
// Pages with a known fault, by screenshot name, and what is let through (none today: the
// survey pages' wide tables scroll inside their frames and the links can be focused).
const KNOWN = {};
const noted = [];

/** The page as it is: as wide as its screen, no axe-core violation, a screenshot. */
async function look(viewport, name) {
  // the screen's width, not innerWidth: a phone widens its layout viewport to a page too wide
  const width = VIEWPORTS[viewport].width;
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  const known = KNOWN[name] || [];
  if (known.includes('sideways') && scroll > width + 1)
    noted.push(`${viewport} ${name}: ${scroll} px wide on a ${width} px screen (known, page_survey.c)`);
  else
    assert.ok(scroll <= width + 1, `${viewport} ${name}: ${scroll} px wide on a ${width} px screen`);
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  for (const v of result.violations.filter((x) => known.includes(x.id)))
    noted.push(`${viewport} ${name}: ${v.id} (known, page_survey.c)`);
  assert.deepEqual(result.violations.filter((x) => !known.includes(x.id)).map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`), [],
    `${viewport} ${name}: violations axe-core found`);
  await page.screenshot({ path: join(SHOTS, `${viewport}-${name}.png`), fullPage: true }).catch(() => {});
}

/** The current page at both sizes (the desk context's page), ending at the desk size. */
async function lookBoth(name) {
  await page.setViewportSize(VIEWPORTS.phone);
  await look('phone', name);
  await page.setViewportSize(VIEWPORTS.desk);
  await look('desk', name);
}

async function signIn(user) {
  await page.context().clearCookies();
  await page.goto(`${BASE}/login?lang=${LANG}`);
  await page.getByLabel(t('MSG_WEB_USER_NAME'), { exact: true }).fill(user);
  await page.getByLabel(t('MSG_WEB_PASSWORD'), { exact: true }).fill(PASSWORD);
  await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SIGN_IN') }));
  assert.equal(new URL(page.url()).pathname, '/', `${user} signs in`);
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  desk = await browser.newContext({ locale: LANG === 'ja' ? 'ja-JP' : 'en-US', viewport: VIEWPORTS.desk, acceptDownloads: true });
  desk.setDefaultTimeout(TIMEOUT);
  page = await desk.newPage();
  watch(page);
});

after(async () => {
  for (const n of noted) console.log(`# note: ${n}`);
  await browser?.close();
});

let groupUrl; // /o/{id}/group/x1060-2021
let surveyUrl; // /surveys/{id}
let linkUrl; // /s/{token}

describe(`a group and a survey in the web UI (${LANG})`, () => {
  step('the group administrator opens the group view', async () => {
    await signIn(GROUP_USER);
    await page.goto(`${BASE}/orgs?q=${encodeURIComponent('E2E Group')}&lang=${LANG}`);
    await clickAndLoad(await visible(page.getByRole('link', { name: 'E2E Group', exact: true }), 'the link to E2E Group'));
    // the organization page links to its group view
    const link = await visible(page.getByRole('main').locator(`a[href$="/group/${FW}"]`), 'the group view link');
    await clickAndLoad(link);
    groupUrl = new URL(page.url()).pathname;
    assert.match(groupUrl, new RegExp(`/group/${FW}$`));
    const h1 = await visible(page.getByRole('heading', { level: 1 }), 'the heading');
    assert.ok((await h1.innerText()).includes(t('MSG_GROUP_TITLE')), 'the heading names the group view');
    // the heat map: the subsidiaries' rows, a scored cell with its value and class
    const heat = page.locator('table.heat').first();
    await visible(heat.getByRole('rowheader', { name: /^E2E Sub 01$/ }), 'the row of E2E Sub 01');
    const cell = heat.locator('td[title="E2E Sub 01 × A-1"]');
    assert.equal((await cell.innerText()).trim(), '4');
    assert.match(await cell.getAttribute('class'), /heat-high/);
    // 57 organizations: 50 on this page, counted
    const pager = page.getByRole('navigation', { name: t('MSG_WM_PAGES') }).first();
    assert.match(await pager.innerText(), new RegExp(`${esc(t('MSG_GRPP_COUNT'))} 57`));
    assert.equal(await heat.locator('tbody tr').count(), 50);
    // the spread is the whole group's: A-1 assessed in 4 organizations, 1 .. 4
    const spread = page.locator('tr', { has: page.locator('th', { hasText: /^A-1 / }) }).last();
    assert.deepEqual((await spread.locator('td').allInnerTexts()).map((s) => s.trim()), ['4', '1', '2.5', '4']);
    await lookBoth('group-page1');
  });

  step('the group view pages to the rest of the group and back', async () => {
    const pager = page.getByRole('navigation', { name: t('MSG_WM_PAGES') }).first();
    await clickAndLoad(pager.getByRole('link', { name: t('MSG_OL_NEXT') }));
    assert.match(page.url(), /after=/);
    const heat = page.locator('table.heat').first();
    assert.equal(await heat.locator('tbody tr').count(), 7);
    assert.equal((await heat.locator('td[title="E2E Sub 55 × A-1"]').innerText()).trim(), '3');
    assert.equal(await heat.locator('td[title="E2E Sub 01 × A-1"]').count(), 0, 'page 2 does not repeat page 1');
    const spread = page.locator('tr', { has: page.locator('th', { hasText: /^A-1 / }) }).last();
    assert.deepEqual((await spread.locator('td').allInnerTexts()).map((s) => s.trim()), ['4', '1', '2.5', '4']);
    await lookBoth('group-page2');
    await clickAndLoad(page.getByRole('navigation', { name: t('MSG_WM_PAGES') }).first()
      .getByRole('link', { name: t('MSG_OL_FIRST') }));
    assert.equal(new URL(page.url()).search.includes('after='), false, 'back on the first page');
  });

  step('the group administrator downloads the whole group as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV', exact: true }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    for (const org of ['E2E Group', 'E2E Sub 01 East', 'E2E Sub 55'])
      assert.ok(csv.includes(`\n${org},`), `the CSV holds ${org}`);
  });

  step('the coordinator creates a survey, invites organizations, makes a link', async () => {
    await signIn(USER);
    await page.goto(`${BASE}/surveys`);
    await visible(page.getByRole('heading', { level: 1, name: t('MSG_WEB_SURVEYS') }), 'the surveys heading');
    await page.getByLabel(t('MSG_SURVEY_H_NAME'), { exact: true }).fill(SURVEY);
    await page.getByLabel(t('MSG_WEB_SURVEY_SERVICES'), { exact: true }).fill('A-1,A-2');
    await page.getByLabel(t('MSG_WEB_SURVEY_MIN_GROUP'), { exact: true }).fill('1');
    await lookBoth('survey-new');
    await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_CREATE') }));
    surveyUrl = new URL(page.url()).pathname;
    assert.match(surveyUrl, /^\/surveys\/\d+$/);
    await visible(page.getByRole('heading', { level: 1, name: SURVEY }), 'the survey heading');
    await page.getByLabel(t('MSG_WEB_SURVEY_ORGS'), { exact: true }).fill('E2E Sub 01, E2E Sub 02');
    await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_INVITE'), exact: true }));
    const main = page.getByRole('main');
    await visible(main.getByText(/E2E Sub 02/), 'the invited E2E Sub 02');
    await page.getByLabel(t('MSG_WEB_SURVEY_LINK_COUNT'), { exact: true }).fill('1');
    await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_MAKE_LINKS') }));
    await visible(page.getByRole('heading', { level: 1, name: t('MSG_WEB_SURVEY_LINKS') }), 'the links heading');
    const links = await page.locator('pre.links').innerText();
    const m = links.match(/\/s\/[A-Za-z0-9_-]+/);
    assert.ok(m, `a link on the page: ${links}`);
    linkUrl = m[0];
    await lookBoth('survey-links');
  });

  step('an outside respondent answers on a phone, without a session', async () => {
    phone = await browser.newContext({
      locale: LANG === 'ja' ? 'ja-JP' : 'en-US', viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true,
    });
    phone.setDefaultTimeout(TIMEOUT);
    const deskPage = page;
    page = await phone.newPage();
    watch(page);
    try {
      assert.deepEqual(await phone.cookies(), [], 'no session on the phone');
      await page.goto(`${BASE}${linkUrl}?lang=${LANG}`);
      assert.equal(new URL(page.url()).pathname, linkUrl, 'the link is answered without signing in');
      await visible(page.getByRole('heading', { level: 1, name: SURVEY }), 'the survey heading');
      await look('phone', 'survey-link-form');
      const a1 = page.getByRole('group', { name: /^A-1 / });
      await page.getByLabel(t('MSG_WEB_SURVEY_RESPONDENT'), { exact: true }).fill(RESPONDENT);
      await a1.getByLabel(t('MSG_WEB_SURVEY_IMPLEMENTED')).selectOption('yes');
      await a1.getByLabel(t('MSG_WEB_SURVEY_LEVEL')).selectOption('basic');
      await a1.getByLabel(t('MSG_WEB_SURVEY_ASSIGNMENT')).selectOption('insource');
      await a1.getByLabel(t('MSG_WEB_SURVEY_CURRENT')).fill('9');
      await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_SEND') }));
      // refused: the message names the service, the input is kept
      const alert = await visible(page.locator('.notice, [role="alert"]').filter({ hasText: 'A-1' }), 'a refusal naming A-1');
      assert.match(await alert.innerText(), /9/);
      assert.equal(await a1.getByLabel(t('MSG_WEB_SURVEY_CURRENT')).inputValue(), '9', 'the input is kept');
      await look('phone', 'survey-link-refused');
      await a1.getByLabel(t('MSG_WEB_SURVEY_CURRENT')).fill('3');
      await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_SEND') }));
      await visible(page.getByText(t('MSG_WEB_SURVEY_SAVED')), 'the saved notice');
      assert.equal(await a1.getByLabel(t('MSG_WEB_SURVEY_CURRENT')).inputValue(), '3');
      await look('phone', 'survey-link-saved');
      // revised: the same link opened again later (a new tab), a new score
      page = await phone.newPage();
      watch(page);
      await page.goto(`${BASE}${linkUrl}?lang=${LANG}`);
      assert.equal(await page.getByRole('group', { name: /^A-1 / }).getByLabel(t('MSG_WEB_SURVEY_CURRENT')).inputValue(), '3',
        'the saved answer is shown again');
      const score = page.getByRole('group', { name: /^A-1 / }).getByLabel(t('MSG_WEB_SURVEY_CURRENT'));
      await score.fill('4');
      await clickAndLoad(page.getByRole('button', { name: t('MSG_WEB_SURVEY_SEND') }));
      await visible(page.getByText(t('MSG_WEB_SURVEY_SAVED')), 'the saved notice after revising');
      assert.equal(await page.getByRole('group', { name: /^A-1 / }).getByLabel(t('MSG_WEB_SURVEY_CURRENT')).inputValue(), '4');
      await look('phone', 'survey-link-revised');
    } finally {
      await phone.close();
      page = deskPage;
    }
  });

  step('the coordinator sees the response counted', async () => {
    await page.goto(`${BASE}${surveyUrl}?lang=${LANG}`);
    const counts = await visible(page.getByText(new RegExp(esc(t('MSG_WEB_SURVEY_COUNTS')).replace('\\{1\\}', '.*'))), 'the counts');
    // invited / responses / links / links used
    assert.match(await counts.innerText(), /2 \/ 1 \/ 1 \/ 1/);
    await lookBoth('survey-admin');
  });
});
