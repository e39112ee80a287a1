// The privilege grid's bulk tools on the real bundle: a range chosen with Shift+arrows or a drag
// and set with one digit, copy/paste of a row between rows and roles (and text from another
// application), the row menu's presets and Copy table permissions, and the Privacy-related
// privileges tab. Every change is one undo step.
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

const ROLE = '/model/security-roles/role_store_staff';

test('Shift+arrows select a range, a digit sets it, and one undo restores it', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  const create = designer.cell('account', 'Create');
  await create.focus();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(designer.selectedCells).toHaveCount(6);
  await expect(designer.cell('Activity', 'Write')).toBeFocused();

  await page.keyboard.press('3');
  await expect(designer.notice).toContainText('6 cells → Parent: Child Business Units');
  for (const [table, verb] of [['account', 'Create'], ['account', 'Write'], ['Activity', 'Read']]) {
    await expect(designer.cell(table, verb)).toHaveAccessibleName(
      `${table}, ${verb}: Parent: Child Business Units (Deep)`,
    );
  }
  // Outside the range nothing changed.
  await expect(designer.cell('account', 'Delete')).toHaveAccessibleName('account, Delete: None (none)');

  await page.keyboard.press('Control+z');
  await expect(designer.cell('account', 'Read')).toHaveAccessibleName('account, Read: Business Unit (Local)');
  await expect(designer.cell('Activity', 'Write')).toHaveAccessibleName('Activity, Write: User (Basic)');

  // Escape drops the selection; Shift+Space selects the row.
  await page.keyboard.press('Escape');
  await expect(designer.selectedCells).toHaveCount(0);
  await page.keyboard.press('Shift+Space');
  await expect(designer.selectedCells).toHaveCount(8);
});

test('dragging across cells selects them without cycling any', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  await designer.cell('contact', 'Append').scrollIntoViewIfNeeded();
  const from = await designer.cell('contact', 'Create').boundingBox();
  const to = await designer.cell('contact', 'Append').boundingBox();
  if (!from || !to) throw new Error('the contact cells are not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(designer.selectedCells).toHaveCount(5);
  await expect(designer.cell('contact', 'Create')).toHaveAccessibleName('contact, Create: User (Basic)');
  await page.keyboard.press('Delete');
  await expect(designer.notice).toContainText('5 cells → None');
  await expect(designer.cell('contact', 'Read')).toHaveAccessibleName('contact, Read: None (none)');
  await expect(designer.cell('contact', 'Append')).toHaveAccessibleName('contact, Append: None (none)');
  await expect(designer.cell('contact', 'Append To')).toHaveAccessibleName('contact, Append To: Business Unit (Local)');
});

test('a row copied with Ctrl+C pastes onto another row and into another role', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  await designer.cell('account', 'Read').focus();
  await page.keyboard.press('Control+c');
  await expect(designer.notice).toContainText('Copied the 8 levels of account');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toBe('user\tbu\tuser\tnone\tuser\tbu\tnone\tnone');

  // Onto contact (its Write was Business Unit).
  await designer.cell('contact', 'Share').focus();
  await page.keyboard.press('Control+v');
  await expect(designer.cell('contact', 'Write')).toHaveAccessibleName('contact, Write: User (Basic)');
  await expect(designer.cell('contact', 'Append To')).toHaveAccessibleName('contact, Append To: Business Unit (Local)');
  await expect(designer.notice).toContainText('Paste 1 × 8 levels');

  // Into another role, through the clipboard.
  await designer.openRole('role_marketing');
  await designer.cell('opportunity', 'Create').focus();
  await page.keyboard.press('Control+v');
  await expect(designer.cell('opportunity', 'Read')).toHaveAccessibleName('opportunity, Read: Business Unit (Local)');
  await expect(designer.cell('opportunity', 'Delete')).toHaveAccessibleName('opportunity, Delete: None (none)');

  // Text from a spreadsheet: organization-owned product takes Organization for Business Unit.
  await designer.cell('product', 'Create').focus();
  await designer.pasteText('Business Unit\tOrganization');
  await expect(designer.cell('product', 'Create')).toHaveAccessibleName('product, Create: Organization (Global)');
  await expect(designer.notice).toContainText('fitted to what the table takes');

  // A word that is no level is refused with where it is.
  await designer.pasteText('bu\tsometimes');
  await expect(designer.notice).toContainText('`sometimes` on line 1, column 2');
});

test('the row menu applies a preset with a keyboard and copies table permissions', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  await expect(designer.presetButton('account')).toContainText('Custom');
  await designer.presetButton('account').click();
  await expect(designer.rowMenu).toBeVisible();
  await expect(designer.rowMenu.getByRole('menuitem', { name: /^Reference/ })).toContainText('only view records');
  await designer.rowMenu.getByRole('menuitem', { name: /^Reference/ }).click();
  await expect(designer.rowMenu).toBeHidden();
  await expect(designer.cell('account', 'Read')).toHaveAccessibleName('account, Read: Organization (Global)');
  await expect(designer.cell('account', 'Create')).toHaveAccessibleName('account, Create: None (none)');
  await expect(designer.presetButton('account')).toContainText('Reference');

  // Keyboard: F2 on a cell opens the menu on its first item; arrows move; Enter runs.
  await designer.cell('contact', 'Read').focus();
  await page.keyboard.press('F2');
  await expect(designer.rowMenu.getByRole('menuitem', { name: /^No Access/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(designer.rowMenu.getByRole('menuitem', { name: /^Private/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(designer.presetButton('contact')).toContainText('Private');
  await expect(designer.cell('contact', 'Read')).toHaveAccessibleName('contact, Read: User (Basic)');

  await page.keyboard.press('Escape');
  await designer.cell('contact', 'Read').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await page.keyboard.press('End');
  await expect(designer.rowMenu.getByRole('menuitem', { name: /^Copy table permissions to/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('copy-table-permissions');
  await expect(dialog).toContainText('Copy table permissions of contact');
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('product');
  await expect(dialog.getByText('⚑ does not take every level: User → Organization')).toBeVisible();
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Copy to 1 table' }).click();
  await expect(dialog).toBeHidden();
  await expect(designer.cell('product', 'Write')).toHaveAccessibleName('product, Write: Organization (Global)');
  await expect(designer.notice).toContainText('Copy table permissions of contact to 1 table');

  await page.keyboard.press('Control+z');
  await expect(designer.cell('product', 'Write')).toHaveAccessibleName('product, Write: None (none)');
});

test('privacy-related privileges have their own tab next to Miscellaneous privileges', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open(ROLE, 'Security roles');
  const tabs = page.getByRole('tablist', { name: 'Privileges' });
  await expect(tabs.getByRole('tab')).toHaveText(['Tables', 'Miscellaneous privileges', 'Privacy-related privileges']);
  await tabs.getByRole('tab', { name: 'Tables' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Privacy-related privileges' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Privacy-related privileges' })).toBeFocused();

  const privacy = page.getByTestId('privacy-privileges');
  for (const name of ['Export to Excel', 'Print', 'Go Offline in Outlook', 'Sync to Outlook', 'Mail Merge', 'Document Generation']) {
    await expect(privacy.getByRole('rowheader', { name, exact: true })).toBeVisible();
  }
  await expect(privacy.getByRole('rowheader', { name: 'Bulk Delete' })).toHaveCount(0);
  const excel = privacy.getByRole('button', { name: /^Export to Excel: / });
  await expect(excel).toHaveAccessibleName('Export to Excel: None');
  await excel.click();
  await expect(excel).toHaveAccessibleName('Export to Excel: Organization');

  await tabs.getByRole('tab', { name: 'Miscellaneous privileges' }).click();
  const misc = page.getByTestId('misc-privileges');
  await expect(misc.getByRole('rowheader', { name: 'Bulk Delete', exact: true })).toBeVisible();
  await expect(misc.getByRole('rowheader', { name: 'Export to Excel' })).toHaveCount(0);

  await page.keyboard.press('Control+z');
  await tabs.getByRole('tab', { name: 'Privacy-related privileges' }).click();
  await expect(page.getByTestId('privacy-privileges').getByRole('button', { name: /^Export to Excel: / })).toHaveAccessibleName(
    'Export to Excel: None',
  );
});
