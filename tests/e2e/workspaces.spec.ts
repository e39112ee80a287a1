// Workspaces in IndexedDB: the start screen, autosave across reloads, a second tab turning
// read-only, `?fresh`, delete with Undo, snapshots and sample data.
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

const DEMO_TITLE = 'Ashworth & Vale — UK department store';

/** Opens the start screen and the first demo org; waits until autosave has written it. */
async function openDemo(page: Page) {
  const shell = new ShellPage(page);
  await shell.open('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start');
  await page.getByTestId('open-demo').first().click();
  await expect(page).toHaveURL(/\/model\/business-units$/);
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  return shell;
}

/** Renames the open workspace from the Workspaces view. */
async function renameOpen(page: Page, name: string) {
  await page.getByTestId('workspaces-link').click();
  const row = page.getByTestId('workspace-row').filter({ hasText: 'Open' });
  await row.getByRole('button', { name: /^Rename/ }).click();
  await page.getByTestId('rename-input').fill(name);
  await page.getByTestId('rename-input').press('Enter');
}

test('the start screen offers demo, empty and import, and lists nothing at first', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/');
  await expect(page.getByRole('heading', { name: 'Open demo org' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Start empty' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import JSON' })).toBeVisible();
  await expect(page.getByTestId('no-workspaces')).toContainText('No saved workspaces yet');
  await expect(page.getByTestId('save-status')).toHaveText('Nothing open');
});

test('a renamed workspace is still there after a reload', async ({ page }) => {
  const shell = await openDemo(page);
  await renameOpen(page, 'Workshop model');
  await expect(shell.modelTitle).toHaveText('Workshop model');
  // The list is read back from IndexedDB, so the new name there means it was saved.
  await expect(page.getByTestId('workspace-row').first()).toContainText('Workshop model');
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  await page.reload();
  await expect(shell.modelTitle).toHaveText('Workshop model');
  await expect(page.getByTestId('workspace-row').first()).toContainText('Workshop model');
});

test('a second tab goes read-only when the first saves the same workspace', async ({ page, context }) => {
  await openDemo(page);
  const second = await context.newPage();
  const secondShell = new ShellPage(second);
  await secondShell.open('/workspaces');
  await expect(secondShell.modelTitle).toHaveText(DEMO_TITLE);

  await renameOpen(page, 'Edited in tab one');
  await expect(page.getByTestId('workspace-row').first()).toContainText('Edited in tab one');

  await expect(second.getByTestId('banner-read-only')).toContainText('saved in another tab');
  await expect(second.getByTestId('save-status')).toContainText('read-only');
  await second.getByRole('button', { name: 'Reload' }).click();
  await expect(secondShell.modelTitle).toHaveText('Edited in tab one');
  await expect(second.getByTestId('banner-read-only')).toHaveCount(0);
});

test('?fresh lists no saved workspaces and starts at the start screen', async ({ page }) => {
  await openDemo(page);
  const shell = new ShellPage(page);
  await shell.open('/?fresh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Start');
  await expect(page.getByTestId('fresh-badge')).toBeVisible();
  await expect(page.getByTestId('no-workspaces')).toContainText('Fresh session');
  await expect(page.getByTestId('workspace-row')).toHaveCount(0);
  await expect(shell.modelTitle).toHaveText('No model open');
});

test('delete offers Undo, and Undo brings the workspace back', async ({ page }) => {
  const shell = await openDemo(page);
  await page.getByTestId('workspaces-link').click();
  await expect(page.getByTestId('workspace-row')).toHaveCount(1);
  await page.getByRole('button', { name: `Delete ${DEMO_TITLE}` }).click();
  await expect(page.getByTestId('workspace-row')).toHaveCount(0);
  await expect(shell.modelTitle).toHaveText('No model open');
  await expect(page.getByTestId('undo-bar')).toContainText(`Deleted “${DEMO_TITLE}”`);
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('workspace-row')).toHaveCount(1);
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
  await page.reload();
  await expect(shell.modelTitle).toHaveText(DEMO_TITLE);
});

test('Ctrl+S names a snapshot that the version history lists', async ({ page }) => {
  await openDemo(page);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('snapshot-dialog')).toBeVisible();
  await page.getByTestId('snapshot-dialog').getByRole('textbox', { name: 'Name' }).fill('before workshop');
  await page.getByTestId('snapshot-dialog').getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(page.getByTestId('snapshot-dialog')).toHaveCount(0);
  await page.getByTestId('workspaces-link').click();
  await expect(page.getByTestId('snapshot-row')).toContainText('before workshop');
  await page.getByTestId('snapshot-restore').click();
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
});

test('start empty and import JSON open new workspaces; a broken file says why', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/');
  await page.getByTestId('import-paste').fill('{"format": "rampart-model", "version": 1,');
  await page.getByTestId('import-pasted').click();
  await expect(page.getByTestId('import-error')).toContainText('Not imported. pasted text:');
  await expect(shell.modelTitle).toHaveText('No model open');

  await page.getByTestId('org-name').fill('Contoso');
  await page.getByTestId('start-empty').click();
  await expect(page).toHaveURL(/\/model\/business-units$/);
  await expect(shell.modelTitle).toHaveText('Contoso');
  await expect(page.getByTestId('save-status')).toContainText('Saved ·');
  await page.reload();
  await expect(shell.modelTitle).toHaveText('Contoso');
});

test('sample data: generate records with a seed, added to the demo records, then they are saved', async ({ page }) => {
  await openDemo(page);
  await page.getByTestId('workspaces-link').click();
  const before = Number(((await page.getByTestId('record-count').textContent()) ?? '').split(' ')[0]);
  const total = (before + 1_000).toLocaleString('en-US');
  await page.getByTestId('sample-size').selectOption('1000');
  await page.getByTestId('sample-seed').fill('7');
  await page.getByTestId('generate').click();
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`);
  await expect(page.getByTestId('sample-result')).toContainText('Generated 1,000 records (seed 7)');
  // The list is read back from IndexedDB: its record count shows the records were saved.
  await expect(page.getByTestId('workspace-row').first()).toContainText(total);
  await page.reload();
  await expect(page.getByTestId('record-count')).toContainText(`${total} records`);
});
