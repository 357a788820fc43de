// What both browser tests do with a page: wait for a navigation a click starts, and
// for an element to be shown (failing with what was expected and where).
import assert from 'node:assert/strict';

export const TIMEOUT = 15000;

/** Click what submits a form or follows a link, and wait for the next page. */
export async function clickAndLoad(locator) {
  const page = locator.page();
  const nav = page.waitForEvent('framenavigated', {
    predicate: (f) => f === page.mainFrame(),
    timeout: TIMEOUT,
  });
  await locator.click();
  await nav;
  await page.waitForLoadState('load');
}

/** The first element of locator once it is shown; the test fails naming what when it is not. */
export async function visible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } catch {
    assert.fail(`not on the page: ${what} (at ${locator.page().url()})`);
  }
  return locator.first();
}
