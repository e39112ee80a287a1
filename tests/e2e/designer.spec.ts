// Designer journeys on the real bundle: role depths by mouse and keyboard with undo/redo, a BU
// move refused on a cycle, a bad import reported with its path, export → re-import round trip.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

const ROLE = '/model/security-roles/role_store_staff';

test('edit a role depth with mouse and keyboard, then undo and redo', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  const del = designer.cell('account', 'Delete');
  await expect(del).toHaveAccessibleName('account, Delete: None (none)');

  await del.click();
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');
  await expect(designer.notice).toContainText('account, Delete: None → User');

  await del.click({ modifiers: ['Shift'] });
  await expect(del).toHaveAccessibleName('account, Delete: None (none)');

  await del.focus();
  await page.keyboard.press('4');
  await expect(del).toHaveAccessibleName('account, Delete: Organization (Global)');
  await page.keyboard.press('ArrowRight');
  const append = designer.cell('account', 'Append');
  await expect(append).toBeFocused();
  await page.keyboard.press('2');
  await expect(append).toHaveAccessibleName('account, Append: Business Unit (Local)');

  // Organization-owned tables offer only None and Organization.
  const product = designer.cell('product', 'Read');
  await expect(product).toHaveAccessibleName('product, Read: Organization (Global)');
  await product.click();
  await expect(product).toHaveAccessibleName('product, Read: None (none)');
  await product.click();
  await expect(product).toHaveAccessibleName('product, Read: Organization (Global)');

  await append.focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(product).toHaveAccessibleName('product, Read: Organization (Global)');
  await expect(append).toHaveAccessibleName('account, Append: User (Basic)');
  await expect(del).toHaveAccessibleName('account, Delete: Organization (Global)');
  await page.keyboard.press('Control+z');
  await expect(del).toHaveAccessibleName('account, Delete: None (none)');
  await page.keyboard.press('Control+Shift+z');
  await expect(del).toHaveAccessibleName('account, Delete: Organization (Global)');
});

test('moving a business unit below its own child is refused with the reason', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/business-units/bu_north', 'Business units');
  await page.getByTestId('bu-move-to').selectOption('bu_store_leeds');
  await page.getByRole('button', { name: 'Move…' }).click();
  await expect(page.getByTestId('bu-refusal')).toContainText('cycle');
  await expect(page.getByTestId('confirm-move')).toBeHidden();

  // A valid move is confirmed with its effect first.
  await page.getByTestId('bu-move-to').selectOption('bu_south');
  await page.getByRole('button', { name: 'Move…' }).click();
  await expect(page.getByTestId('bu-refusal')).toBeHidden();
  await expect(page.getByTestId('confirm-move')).toContainText('will sit under');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('confirm-move')).toBeHidden();
});

test('importing a bad JSON shows the error with its path and keeps the model', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  await designer.importText('bad.json', '{"format": "rampart-model", "version": 1, "users": {"U1": {"bu": 5}}}');
  await expect(designer.importError).toContainText('users.U1.bu');
  await expect(designer.importError).toContainText('The open model is unchanged.');
  await expect(page.getByTestId('role-name')).toHaveText('role_store_staff');
});

test('export then re-import round-trips the model', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  const del = designer.cell('account', 'Delete');
  await del.click();
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');

  const download = page.waitForEvent('download');
  await designer.toolbarButton('Export JSON').click();
  const file = await (await download).path();
  const exported = readFileSync(file, 'utf8');
  expect(exported).toContain('"format": "rampart-model"');

  await page.keyboard.press('Control+z');
  await expect(del).toHaveAccessibleName('account, Delete: None (none)');

  await designer.importText('exported.json', exported);
  await expect(designer.importReport).toContainText('is a rampart-model document');
  await designer.importReport.getByRole('button', { name: 'Replace the open model' }).click();
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');
});
