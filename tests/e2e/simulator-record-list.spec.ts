// What can X see on 100,000 generated records: the record list renders only the rows in view,
// scrolls to the last record, and filters by table, owner, business unit and reason.
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

const STATUS = /^(\d[\d,]*)–(\d[\d,]*) of (\d[\d,]*)$/;
const num = (s: string) => Number(s.replace(/,/g, ''));

test('the record list stays virtualised and filterable on 100,000 records', async ({ page }) => {
  test.setTimeout(240_000);
  const shell = new ShellPage(page);
  await shell.open('/');
  await page.getByTestId('open-demo').first().click();
  await expect(page).toHaveURL(/\/model\/business-units$/);
  await page.getByTestId('workspaces-link').click();
  await page.getByTestId('sample-size').selectOption('100000');
  await page.getByTestId('generate').click();
  // Generated records are added to the demo's own 104.
  await expect(page.getByTestId('record-count')).toContainText('100,104 records', { timeout: 120_000 });
  await expect(page.getByTestId('save-status')).toContainText('Saved ·', { timeout: 120_000 });

  await page.goto('/simulate/see?user=u_leeds_clerk1&table=contact');
  const status = page.getByTestId('record-list-status');
  await expect(status).toHaveText(STATUS, { timeout: 60_000 });
  const total = num(STATUS.exec((await status.textContent())!)![3]);
  expect(total).toBeGreaterThan(500);
  await expect(status).toHaveText(`1–14 of ${total}`);
  const rows = page.getByTestId('record-row');
  // Only the rows in view and a few more are in the DOM.
  expect(await rows.count()).toBeLessThanOrEqual(30);

  // Scroll to the end: the last record is rendered, still with few rows in the DOM.
  const scroller = page.getByTestId('record-list-scroll');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(status).toHaveText(new RegExp(`–${total} of ${total}$`));
  expect(await rows.count()).toBeLessThanOrEqual(30);
  await expect(rows.last()).toHaveAttribute('aria-rowindex', String(total + 1));

  // Reason: every rendered row has the chosen reason, and fewer rows match.
  const reason = page.getByTestId('record-list-reason');
  const reasons = (await reason.locator('option').allTextContents()).filter((o) => o !== 'Any');
  expect(reasons.length).toBeGreaterThan(1);
  await reason.selectOption(reasons[reasons.length - 1]);
  await expect(status).toHaveText(STATUS);
  const byReason = num(STATUS.exec((await status.textContent())!)![3]);
  expect(byReason).toBeLessThan(total);
  for (const chip of await rows.locator('td:nth-child(4)').allTextContents()) {
    expect(chip.trim()).toBe(reasons[reasons.length - 1]);
  }
  await reason.selectOption('');

  // Owner, then business unit.
  for (const [testid, column] of [
    ['record-list-owner', 2],
    ['record-list-bu', 3],
  ] as const) {
    const select = page.getByTestId(testid);
    const value = (await select.locator('option').nth(1).getAttribute('value'))!;
    await select.selectOption(value);
    await expect(status).toHaveText(STATUS);
    expect(num(STATUS.exec((await status.textContent())!)![3])).toBeLessThan(total);
    for (const cell of await rows.locator(`td:nth-child(${column})`).allTextContents()) {
      expect(cell.trim()).toBe(value);
    }
    await select.selectOption('');
  }
  await expect(status).toHaveText(`1–14 of ${total}`);

  // Table: the picker in the filter bar switches the list to another table.
  await page.getByTestId('record-list').getByTestId('table-picker').selectOption('account');
  await expect(page).toHaveURL(/table=account/);
  await expect(status).toHaveText(STATUS);
  expect(num(STATUS.exec((await status.textContent())!)![3])).not.toBe(total);
});
