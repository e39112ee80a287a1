// Workspaces beyond the basics: named snapshots compared in the Diff view (with the current
// model and with each other), generated records added to a demo org without breaking its
// pinned checks, and the failure paths of browser storage — no IndexedDB, a full disk (with a
// stubbed `navigator.storage.estimate`), persistent storage granted or not, a workspace
// deleted in another tab, and a foreign row in the store.
import { type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';
import { DesignerPage } from './pages/designer-page';

const DEMO_TITLE = 'Ashworth & Vale — UK department store';

/** Opens the first demo org from the start screen; waits until autosave has written it. */
async function openDemo(page: Page) {
  const shell = new ShellPage(page);
  await shell.open('/');
  await page.getByTestId('open-demo').first().click();
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  return shell;
}

/** Takes a named snapshot with Ctrl+S. */
async function takeSnapshot(page: Page, name: string) {
  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('snapshot-dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(dialog).toHaveCount(0);
}

/** Chooses the option of `select` whose text starts with `text`. */
async function choose(select: Locator, text: string) {
  const option = select.locator('option').filter({ hasText: text }).first();
  await expect(option).toBeAttached();
  await select.selectOption((await option.getAttribute('value')) ?? '');
}

/** Gives store staff Organization-wide account Read (it was Business Unit) in the role grid. */
async function widenStoreStaffAccountRead(page: Page) {
  const designer = new DesignerPage(page);
  await page.getByRole('link', { name: 'Security roles', exact: true }).click();
  await designer.openRole('role_store_staff');
  const read = designer.cell('account', 'Read');
  await expect(read).toHaveAccessibleName('account, Read: Business Unit (Local)');
  await read.focus();
  await page.keyboard.press('4');
  await expect(read).toHaveAccessibleName('account, Read: Organization (Global)');
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
}

test('a named snapshot compared with the current model lists the changed role and its effect', async ({ page }) => {
  await openDemo(page);
  await takeSnapshot(page, 'before workshop');
  await widenStoreStaffAccountRead(page);

  await page.getByTestId('workspaces-link').click();
  const row = page.getByTestId('snapshot-row').filter({ hasText: 'before workshop' });
  await row.getByRole('link', { name: 'Compare before workshop with the current model' }).click();
  await expect(page).toHaveURL(/\/test\/diff\?snapshot=/);

  const report = page.getByTestId('diff-report');
  await expect(report.getByRole('heading')).toContainText('Snapshot “before workshop” → current · 1 structural change');
  const change = report.locator('.rp-diff__change');
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('role_store_staff');
  await expect(change).toContainText('account');
  // The effect: store staff now read accounts outside their store.
  const effect = page.getByTestId('diff-effect').getByRole('row').filter({ hasText: 'account' });
  await expect(effect.first()).toContainText('read');
  await expect(effect.first().locator('[data-sign=plus]')).not.toHaveText('+0');

  // The report downloads as Markdown with the same content.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('diff-download').click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('# Diff: Snapshot “before workshop” → current');
  expect(text).toContain('role_store_staff');
  expect(text).toMatch(/\| account \| read \| \d+ \| \+\d+ \|/);
});

test('two snapshots compared list the role changed between them; a snapshot equals itself', async ({ page }) => {
  await openDemo(page);
  await takeSnapshot(page, 'before workshop');
  await widenStoreStaffAccountRead(page);
  await takeSnapshot(page, 'v2 approved');

  await page.goto('/test/diff');
  const older = page.getByTestId('diff-baseline');
  const newer = page.getByTestId('diff-newer');
  await choose(older, 'snapshot “before workshop”');
  await choose(newer, 'snapshot “v2 approved”');
  const report = page.getByTestId('diff-report');
  await expect(report.getByRole('heading')).toContainText('Snapshot “before workshop” → “v2 approved” · 1 structural change');
  await expect(report.locator('.rp-diff__change')).toContainText('role_store_staff');

  // "v2 approved" was taken after the edit: against the current model nothing changed.
  await choose(older, 'snapshot “v2 approved”');
  await newer.selectOption('current');
  await expect(report.getByRole('heading')).toContainText('Snapshot “v2 approved” → current · 0 structural changes');
  await expect(report).toContainText('No structural changes.');
});

test('a snapshot of 100,000 records keeps them all, and restoring it brings them back', async ({ page }) => {
  test.setTimeout(90_000);
  await openDemo(page);
  await page.getByTestId('workspaces-link').click();
  const before = Number(((await page.getByTestId('record-count').textContent()) ?? '').split(' ')[0]);
  const total = (before + 100_000).toLocaleString('en-US');
  await page.getByTestId('sample-size').selectOption('100000');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`, { timeout: 60_000 });
  await expect(page.getByTestId('save-status')).toContainText('Saved ·', { timeout: 30_000 });
  await takeSnapshot(page, 'with 100k records');
  const row = page.getByTestId('snapshot-row').filter({ hasText: 'with 100k records' });
  await expect(row).toContainText(total);

  // Replace the records with 100, then restore: every record comes back.
  await page.getByTestId('sample-replace').check();
  await page.getByTestId('sample-size').selectOption('100');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('record-count')).toContainText('100 records across');
  await row.getByTestId('snapshot-restore').click();
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`, { timeout: 30_000 });
  await expect(page.getByTestId('check-badge')).toHaveAttribute('data-status', 'pass');
  // …and stay after the restore is saved and the page reloaded.
  await expect(page.getByTestId('save-status')).toContainText('Saved ·', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`, { timeout: 30_000 });
});

test('generating 100,000 records on a demo org adds them and keeps its pinned checks passing', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemo(page);
  const badge = page.getByTestId('check-badge');
  await expect(badge).toHaveAttribute('data-status', 'pass');
  const passing = (await badge.textContent()) ?? '';
  expect(passing).toMatch(/^✓\d+ checks pass$/);

  await page.getByTestId('workspaces-link').click();
  const before = Number(((await page.getByTestId('record-count').textContent()) ?? '').split(' ')[0]);
  expect(before).toBeGreaterThan(0);
  await expect(page.getByTestId('generate')).toHaveText('Generate and add');
  await page.getByTestId('sample-size').selectOption('100000');
  await page.getByTestId('sample-seed').fill('42');
  await page.getByTestId('generate').click();
  const total = (before + 100_000).toLocaleString('en-US');
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`, { timeout: 90_000 });
  await expect(page.getByTestId('sample-result')).toContainText(`added to the ${before} records already there`);
  await expect(badge).toHaveAttribute('data-status', 'pass');
  await expect(badge).toHaveText(passing);

  // Generating again adds more, renumbering the generated names already taken.
  await page.getByTestId('sample-size').selectOption('1000');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('sample-result')).toContainText('generated names were already taken and were renumbered');
  await expect(badge).toHaveText(passing);
  await expect(page.getByTestId('save-status')).toContainText('Saved ·', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('record-count')).toContainText(`${(before + 101_000).toLocaleString('en-US')} records`, { timeout: 30_000 });
  await expect(badge).toHaveText(passing);

  // "Replace existing records" says which pinned checks lose their records before replacing.
  await page.getByTestId('sample-replace').check();
  const warning = page.getByTestId('replace-warning');
  await expect(warning).toContainText(/pinned checks name them and will fail/);
  await expect(warning).toContainText('u_leeds_clerk1 read case_mcr_staff_complaint');
  await expect(page.getByTestId('generate')).toHaveText('Generate and replace');
  await page.getByTestId('sample-size').selectOption('100');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('record-count')).toContainText('100 records across');
  await expect(badge).toHaveAttribute('data-status', 'fail');
  // Undo brings the records and the passing checks back.
  await page.keyboard.press('Control+z');
  await expect(badge).toHaveText(passing, { timeout: 30_000 });
});

test('without IndexedDB the app runs in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const shell = new ShellPage(page);
  await shell.open('/');
  await expect(page.getByTestId('banner-memory')).toContainText('Changes are kept in this tab only');
  await page.getByTestId('open-demo').first().click();
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
  await expect(page.getByTestId('save-status')).toHaveText('Not saved: browser storage unavailable');
  await page.getByTestId('workspaces-link').click();
  await expect(page.getByTestId('storage-persisted')).toContainText('Not saved: browser storage is unavailable');
  // The model still works in memory, and the banner offers the export.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('banner-memory').getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.rampart\.json$/);
});

test('persistent storage: the Workspaces view shows whether the browser granted it', async ({ page }) => {
  await page.addInitScript(() => {
    const storage = navigator.storage;
    Object.defineProperty(storage, 'persist', { value: () => Promise.resolve(false), configurable: true });
    Object.defineProperty(storage, 'estimate', {
      value: () => Promise.resolve({ usage: 1_200_000, quota: 80_000_000 }),
      configurable: true,
    });
  });
  const shell = new ShellPage(page);
  await shell.open('/workspaces');
  await expect(page.getByTestId('storage-persisted')).toContainText('persistent storage was not granted');
  await expect(page.getByTestId('storage-usage')).toHaveText('1.2 MB used of 80.0 MB available to this site.');

  await page.addInitScript(() => {
    Object.defineProperty(navigator.storage, 'persist', { value: () => Promise.resolve(true), configurable: true });
  });
  await page.reload();
  await expect(page.getByTestId('storage-persisted')).toContainText('persistent storage granted');
});

test('a full disk: the save fails visibly with usage and an export, and Try again saves it', async ({ page }) => {
  // A transaction the browser aborts with QuotaExceededError, as a full disk does, and a stubbed
  // estimate that says the disk is nearly full.
  await page.addInitScript(() => {
    const w = window as unknown as { __quotaFull: boolean };
    w.__quotaFull = false;
    const proto = IDBTransaction.prototype;
    const commit = proto.commit;
    const error = Object.getOwnPropertyDescriptor(proto, 'error');
    Object.defineProperty(proto, 'error', {
      configurable: true,
      get() {
        return (this as { __forced?: DOMException }).__forced ?? error?.get?.call(this);
      },
    });
    proto.commit = function (this: IDBTransaction & { __forced?: DOMException }) {
      if (w.__quotaFull && this.mode === 'readwrite') {
        this.__forced = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        this.abort();
        return;
      }
      return commit.call(this);
    };
    Object.defineProperty(navigator.storage, 'estimate', {
      value: () => Promise.resolve({ usage: 49_900_000, quota: 50_000_000 }),
      configurable: true,
    });
  });
  const shell = await openDemo(page);
  await page.evaluate(() => {
    (window as unknown as { __quotaFull: boolean }).__quotaFull = true;
  });
  await page.getByTestId('workspaces-link').click();
  const row = page.getByTestId('workspace-row').filter({ hasText: 'Open' });
  await row.getByRole('button', { name: /^Rename/ }).click();
  await page.getByTestId('rename-input').fill('Renamed on a full disk');
  await page.getByTestId('rename-input').press('Enter');

  const banner = page.getByTestId('banner-not-saved');
  await expect(banner).toContainText('browser storage is full; the last change was not saved and earlier saves are intact');
  await expect(banner).toContainText('This site uses 49.9 MB of 50.0 MB.');
  await expect(page.getByTestId('save-status')).toContainText('Not saved: browser storage is full');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('renamed-on-a-full-disk.rampart.json');

  // Space freed: Try again saves, and the new name survives a reload.
  await page.evaluate(() => {
    (window as unknown as { __quotaFull: boolean }).__quotaFull = false;
  });
  await banner.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  await expect(banner).toHaveCount(0);
  await page.reload();
  await expect(shell.modelTitle).toHaveText('Renamed on a full disk');
});

test('a workspace deleted in another tab turns this tab read-only', async ({ page, context }) => {
  await openDemo(page);
  const second = await context.newPage();
  const secondShell = new ShellPage(second);
  await secondShell.open('/workspaces');
  await expect(secondShell.modelTitle).toHaveText(DEMO_TITLE);

  await page.getByTestId('workspaces-link').click();
  await page.getByRole('button', { name: `Delete ${DEMO_TITLE}` }).click();
  await expect(page.getByTestId('undo-bar')).toBeVisible();

  await expect(second.getByTestId('banner-read-only')).toContainText('deleted in another tab');
  await expect(second.getByTestId('save-status')).toContainText('read-only');
});

test('a row of unknown shape in the store is named and the other workspaces still open', async ({ page }) => {
  await openDemo(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('rampart');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('workspaces', 'readwrite');
          tx.objectStore('workspaces').put({ id: 'from-elsewhere', title: 42 });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.getByTestId('workspaces-link').click();
  await page.reload();
  await expect(page.getByTestId('skipped-row')).toContainText('`workspaces` at key `from-elsewhere`');
  await expect(page.getByTestId('workspace-row')).toHaveCount(1);
  await expect(page.getByTestId('workspace-row')).toContainText(DEMO_TITLE);
});

test('duplicate copies a workspace with its records and snapshots, and switching opens each in turn', async ({ page }) => {
  const shell = await openDemo(page);
  await takeSnapshot(page, 'before workshop');
  await page.getByTestId('workspaces-link').click();
  const records = ((await page.getByTestId('record-count').textContent()) ?? '').split(' ')[0];
  await page.getByRole('button', { name: `Duplicate ${DEMO_TITLE}` }).click();
  const copy = page.getByTestId('workspace-row').filter({ hasText: `${DEMO_TITLE} (copy)` });
  await expect(copy).toContainText(records);
  await expect(page.getByTestId('workspace-row')).toHaveCount(2);
  // The original stays open.
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);

  await copy.getByTestId('workspace-open').click();
  await expect(shell.modelTitle).toHaveText(`${DEMO_TITLE} (copy)`);
  await page.reload();
  await expect(shell.modelTitle).toHaveText(`${DEMO_TITLE} (copy)`);
  await page.getByTestId('workspaces-link').click();
  await expect(page.getByTestId('record-count')).toContainText(`${records} records`);
  // The copy's history has the original's snapshot.
  await expect(page.getByTestId('snapshot-row').filter({ hasText: 'before workshop' })).toHaveCount(1);
  await page
    .getByTestId('workspace-row')
    .filter({ hasNotText: '(copy)' })
    .getByTestId('workspace-open')
    .click();
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
});
