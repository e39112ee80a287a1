// The Designer at 1280×720 and at scale: the role grid fits without sideways scrolling, every
// Designer screen is photographed at 1280×720, and with 1,000 users and 200 roles the users and
// roles lists draw only the rows in view while scrolling still reaches the last one.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'target', 'screenshots');

/** Client-side navigation (keeps the imported model without relying on a reload). */
async function go(page: Page, path: string) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

test('the role grid fits 1280×720 without sideways scrolling, in both tabs and presenting', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const designer = new DesignerPage(page);
  await designer.open('/model/security-roles/role_store_staff', 'Security roles');
  const wrap = page.locator('.rp-grid-wrap');
  await expect(wrap).toBeVisible();
  const overflow = () => wrap.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  // Nothing on the page scrolls sideways either.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/designer-roles-1280x720.png` });
  await page.keyboard.press('Shift+P');
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/designer-roles-presenting-1280x720.png` });
});

test('every Designer screen at 1280×720', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  const designer = new DesignerPage(page);
  const screens: [string, string, string][] = [
    ['/model/business-units/bu_store_leeds', 'Business units', 'bu'],
    ['/model/teams/team_store_leeds', 'Teams', 'teams'],
    ['/model/users/u_leeds_clerk1', 'Users', 'users'],
    ['/model/security-roles/role_store_staff', 'Security roles', 'roles'],
    ['/model/security-roles/role_store_staff/compare/role_line_manager', 'Compare security roles', 'compare'],
    ['/model/tables/contact', 'Tables', 'tables'],
    ['/model/settings', 'Settings', 'settings'],
  ];
  for (const [path, heading, name] of screens) {
    await designer.open(path, heading);
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(sideways, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/designer-${name}-1280x720.png` });
  }
});

test('1,000 users and 200 roles: the lists draw only what is in view and scroll to the end', async ({ page }) => {
  test.setTimeout(90_000);
  const designer = new DesignerPage(page);
  await designer.open('/model/users', 'Users');
  // The demo's own list is short and drawn whole.
  await expect(page.getByTestId('users-list')).toHaveAttribute('data-virtual', 'off');

  // The demo, exported, grown to 1,000 users and 200 roles, imported back.
  const downloading = page.waitForEvent('download');
  await designer.toolbarButton('Export JSON').click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
  const users = Object.keys(doc.users).length;
  const roles = Object.keys(doc.roles).length;
  const template = doc.roles.role_store_staff;
  expect(template).toBeTruthy();
  for (let i = 0; users + i < 1000; i++) {
    const id = `u_scale_${String(i).padStart(4, '0')}`;
    doc.users[id] = { bu: 'bu_store_leeds', roles: ['role_store_staff'] };
    doc.display_names[id] = `Zz scale user ${String(i).padStart(4, '0')}`;
  }
  for (let i = 0; roles + i < 200; i++) {
    const id = `role_scale_${String(i).padStart(3, '0')}`;
    doc.roles[id] = structuredClone(template);
    doc.display_names[id] = `Zz scale role ${String(i).padStart(3, '0')}`;
  }
  delete doc.checksum;
  const lastUser = `Zz scale user ${String(1000 - users - 1).padStart(4, '0')}`;
  const lastRole = `Zz scale role ${String(200 - roles - 1).padStart(3, '0')}`;
  await designer.importText('scale.json', JSON.stringify(doc));
  await expect(designer.importReport).toContainText('is a rampart-model document');
  await designer.importReport.getByRole('button', { name: 'Replace the open model' }).click();

  await go(page, '/model/users');
  const list = page.getByTestId('users-list');
  await expect(list).toHaveAttribute('data-virtual', 'on');
  await expect(list.locator('li').first()).toHaveAttribute('aria-setsize', '1000');
  const drawn = await list.locator('li').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(list.getByText(lastUser)).toHaveCount(0);
  // Scrolling to the end draws the last user, and still only a window of rows.
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(list.getByText(lastUser)).toBeVisible();
  await expect(list.locator('li').last()).toHaveAttribute('aria-posinset', '1000');
  expect(await list.locator('li').count()).toBeLessThan(80);
  // The row opens the user.
  await list.getByRole('link', { name: lastUser }).click();
  await expect(page.getByTestId('user-name')).toHaveText(lastUser);

  // The filter narrows the list (short lists are drawn whole again).
  await page.getByTestId('users-filter').fill('scale user 09');
  await expect(list).toHaveAttribute('data-virtual', 'off');
  await expect(list.locator('li')).toHaveCount(Math.max(0, Math.min(100, 1000 - users - 900)));

  await go(page, '/model/security-roles');
  const roleList = page.getByTestId('roles-list');
  await expect(roleList).toHaveAttribute('data-virtual', 'on');
  expect(await roleList.locator('li').count()).toBeLessThan(80);
  await roleList.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  // Custom roles come first, by name; the predefined ones close the list.
  await expect(roleList.locator('li').last()).toHaveAttribute('aria-posinset', '200');
  await expect(roleList.locator('li').last()).toContainText('Predefined');
  await roleList.evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(roleList.locator('li').first()).toHaveAttribute('aria-posinset', '1');
  await expect(roleList.getByText(lastRole)).toHaveCount(0);
});

test('the role grid shows all tables, only assigned or only unassigned ones', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/security-roles/role_store_staff', 'Security roles');
  const grid = page.getByRole('grid');
  const rows = grid.locator('tr.rp-grid__row');
  const cells = grid.locator('td.rp-grid__cell button');
  const all = await rows.count();
  const show = page.getByTestId('grid-show');

  await show.selectOption('assigned');
  await expect(rows).not.toHaveCount(all);
  const assigned = await rows.count();
  expect(assigned).toBeGreaterThan(0);
  for (let i = 0; i < assigned; i++) {
    const names = await rows.nth(i).locator('td.rp-grid__cell button').evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? b.textContent ?? ''));
    expect(names.some((n) => !/: None \(none\)$/.test(n)), `assigned row ${i}`).toBe(true);
  }

  await show.selectOption('unassigned');
  await expect(rows).toHaveCount(all - assigned);
  const names = await cells.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
  expect(names.length).toBeGreaterThan(0);
  for (const n of names) expect(n).toMatch(/: None \(none\)$/);

  // A row given a level leaves the unassigned view; the empty view names its filter.
  await page.getByRole('searchbox', { name: 'Search tables' }).fill('account');
  await expect(page.getByTestId('grid-empty')).toHaveText(/No table matches “account” and has no privilege in this role\./);
  await page.getByTestId('grid-empty').getByRole('button', { name: 'Clear the filter' }).click();
  await expect(rows).toHaveCount(all);
});

test('a new column security profile is created and given Read and Update on a secured column', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/tables/contact', 'Tables');
  const form = page.getByTestId('new-profile');
  await form.getByRole('textbox').fill('Payroll readers');
  await form.getByRole('button', { name: 'Create profile' }).click();
  await expect(page.getByRole('columnheader', { name: 'Payroll readers' })).toBeVisible();
  // A taken name is refused with the reason, nothing added.
  await form.getByRole('textbox').fill('payroll readers');
  await form.getByRole('button', { name: 'Create profile' }).click();
  await expect(designer.notice).toContainText('already called');
  await expect(page.getByRole('columnheader', { name: 'Payroll readers' })).toHaveCount(1);

  const fls = page.locator('table.rp-fls');
  const col = (await fls.locator('tbody th[scope="row"]').first().textContent())!.trim();
  const read = page.getByRole('button', { name: `${col}, Read: Not Allowed` }).last();
  await read.click();
  await expect(page.getByRole('button', { name: `${col}, Read: Allowed` }).last()).toBeVisible();
  await page.getByRole('button', { name: `${col}, Update: Not Allowed` }).last().click();
  await expect(page.getByRole('button', { name: `${col}, Update: Allowed` }).last()).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('button', { name: `${col}, Update: Not Allowed` }).last()).toBeVisible();
});
