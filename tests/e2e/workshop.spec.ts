// Workshop mode beyond the walkthrough: hidden names reach every screen (simulator, designer,
// test), "Reset to workshop start" restores the model presenting began with (asked first, undoable),
// the walkthrough's title and step notes are edited in place and travel with the exported model,
// and a step fits one 1280×720 screen.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';
import { DesignerPage } from './pages/designer-page';

const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'target', 'screenshots');
const root = (page: Page) => page.locator('html');

// The people of the department-store demo: their display names start with the person's name
// ("Priya Shah (sales associate, beauty hall)").
const demoYaml = readFileSync(
  join(__dirname, '..', '..', 'crates', 'engine', 'src', 'demo', 'department-store.yaml'),
  'utf8',
);
const people = [...demoYaml.matchAll(/^ {2}(u_\w+): ([^(\n]+?)(?: \(|\n)/gm)].map((m) => ({
  id: m[1],
  name: m[2].trim(),
}));

/** Client-side navigation (a reload would leave presenter mode). */
async function go(page: Page, path: string) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, path);
}

async function presentWithNamesHidden(page: Page) {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await expect(shell.modelTitle).not.toHaveText('No model open');
  await page.keyboard.press('Shift+P');
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  await page.keyboard.press('n');
  await expect(root(page)).toHaveAttribute('data-names', 'hidden');
}

async function expectNoPeople(page: Page, where: string) {
  // Users are hidden; a record's own title (a contact called Priya Shah) is the record's data.
  const text = await page.locator('#main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.rp-table__main').forEach((el) => el.remove());
    document.body.appendChild(copy);
    const t = copy.innerText;
    copy.remove();
    return t;
  });
  for (const p of people) {
    expect(text, `${where} shows ${p.name}`).not.toContain(p.name);
    expect(text, `${where} shows ${p.id}`).not.toMatch(new RegExp(`\\b${p.id}\\b`));
  }
  const bar = await page.getByTestId('presenter-bar').innerText();
  expect(bar, `${where}: presenter bar`).not.toMatch(/\bu_[a-z]/);
}

test('the demo has people to hide', () => {
  expect(people.length).toBeGreaterThan(15);
  expect(people.map((p) => p.name)).toContain('Priya Shah');
});

test('hidden names reach the designer, simulator and test screens', async ({ page }) => {
  await presentWithNamesHidden(page);
  const screens: [string, string][] = [
    ['/model/users', 'users-list'],
    ['/model/users/u_leeds_clerk1', 'user-name'],
    ['/model/teams/team_store_leeds', 'team-members'],
    ['/model/business-units/bu_store_leeds', 'bu-users'],
    ['/model/security-roles/role_store_staff', 'role-members'],
    ['/simulate/see?user=u_leeds_clerk1&table=contact&verb=read', 'record-list'],
    ['/simulate/who?record=opp_kirkstall_awards&verb=read', 'who-table'],
    ['/simulate/explain?user=u_leeds_clerk1&record=con_leeds_margaret&verb=read', 'paths'],
    ['/simulate/matrix?verb=read', 'matrix'],
    ['/test/checks', 'check-row'],
    ['/test/advisor', 'finding'],
  ];
  for (const [path, testid] of screens) {
    await go(page, path);
    await expect(page.getByTestId(testid).first()).toBeVisible();
    if (testid === 'role-members') await page.getByTestId(testid).locator('summary').click();
    await expectNoPeople(page, path);
  }
  // Labels stand in: the user's page is titled by a role label, the picker shows it too.
  await go(page, '/model/users/u_leeds_clerk1');
  await expect(page.getByTestId('user-name')).toHaveText(/^Store staff \d+$/);
  await go(page, '/simulate/see?user=u_leeds_clerk1&table=contact&verb=read');
  await expect(page.getByTestId('user-picker')).toHaveValue(/^Store staff \d+$/);

  // Showing names again brings them back everywhere.
  await page.keyboard.press('n');
  await expect(root(page)).not.toHaveAttribute('data-names', /.*/);
  await expect(page.getByTestId('user-picker')).toHaveValue('u_leeds_clerk1');
  await go(page, '/model/users/u_leeds_clerk1');
  await expect(page.getByTestId('user-name')).toHaveText('Priya Shah (sales associate, beauty hall)');
});

test('reset to workshop start restores the model presenting began with, asks first, and undoes', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/security-roles/role_store_staff', 'Security roles');
  await page.keyboard.press('Shift+P');
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  const reset = page.getByTestId('presenter-reset');
  await expect(reset).toBeDisabled();

  const read = designer.cell('contact', 'Read');
  const del = designer.cell('account', 'Delete');
  await expect(read).toHaveAccessibleName('contact, Read: Business Unit (Local)');
  await read.click({ modifiers: ['Shift'] });
  await del.click();
  await expect(read).toHaveAccessibleName('contact, Read: User (Basic)');
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');

  // Cancel keeps the edits.
  await expect(reset).toBeEnabled();
  await reset.click();
  const confirm = page.getByTestId('presenter-reset-confirm');
  await expect(confirm).toContainText('2 changes made since will be undone');
  await expect(page.getByTestId('presenter-reset-yes')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');

  await reset.click();
  await page.getByTestId('presenter-reset-yes').click();
  await expect(read).toHaveAccessibleName('contact, Read: Business Unit (Local)');
  await expect(del).toHaveAccessibleName('account, Delete: None (none)');
  await expect(reset).toBeDisabled();

  // One undo brings the live edits back.
  await page.keyboard.press('Control+z');
  await expect(read).toHaveAccessibleName('contact, Read: User (Basic)');
  await expect(del).toHaveAccessibleName('account, Delete: User (Basic)');
});

test('the walkthrough title and step notes are edited in place and exported with the model', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/present?demo=department-store');
  await expect(page.getByTestId('walkthrough-steps')).toBeVisible();
  const title = page.getByTestId('walkthrough-title-input');
  await title.fill('Leeds workshop, 12 March');
  await title.press('Enter');
  await expect(page.getByTestId('walkthrough-title')).toHaveText('Leeds workshop, 12 March');

  await page.getByTestId('walkthrough-edit-note').nth(1).click();
  const note = page.getByTestId('walkthrough-note-input');
  await note.fill('Watch who else sees this case');
  await note.press('Enter');
  await expect(page.getByTestId('walkthrough-step-row').nth(1)).toContainText('Watch who else sees this case');

  // Undo takes back the note, redo restores it.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('walkthrough-step-row').nth(1)).not.toContainText('Watch who else sees this case');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('walkthrough-step-row').nth(1)).toContainText('Watch who else sees this case');

  // Saved with the workspace: a reload keeps both.
  await page.goto('/present');
  await expect(page.getByTestId('walkthrough-title')).toHaveText('Leeds workshop, 12 March');
  await expect(page.getByTestId('walkthrough-step-row').nth(1)).toContainText('Watch who else sees this case');

  // Exported with the model.
  await page.goto('/export');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
  expect(doc.walkthrough.title).toBe('Leeds workshop, 12 March');
  expect(doc.walkthrough.steps[1].note).toBe('Watch who else sees this case');
});

test('a walkthrough step fits one screen at 1280×720 and 1920×1080', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const shell = new ShellPage(page);
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await shell.open('/present?demo=department-store');
    await expect(page.getByTestId('walkthrough-steps')).toBeVisible();
    await page.keyboard.press('Shift+P');
    await expect(root(page)).toHaveAttribute('data-presenter', 'on');
    const total = await page.getByTestId('walkthrough-step-row').count();
    for (let i = 0; i < total; i++) {
      await page.keyboard.press('PageDown');
      await expect(page.getByTestId('step-counter')).toHaveText(`${i + 1} / ${total}`);
      const barTop = await page.getByTestId('presenter-bar').evaluate((el) => el.getBoundingClientRect().top);
      // Question, answer and the whole Why list are on screen, above the presenter bar.
      for (const id of ['step-question', 'step-headline', 'step-lines']) {
        const box = await page.getByTestId(id).evaluate((el) => {
          const r = el.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        });
        expect(box.top, `${w}×${h} step ${i + 1} ${id}`).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${w}×${h} step ${i + 1} ${id}`).toBeLessThanOrEqual(barTop);
      }
      const lines = page.getByTestId('step-lines');
      const overflow = await lines.evaluate((el) => {
        const box = el.closest('.rp-step__reasons') ?? el;
        return box.scrollHeight - box.clientHeight;
      });
      expect(overflow, `${w}×${h} step ${i + 1}: the Why list scrolls`).toBeLessThanOrEqual(1);
      for (const id of ['step-counter', 'step-figures']) {
        const bottom = await page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().bottom);
        expect(bottom, `${w}×${h} step ${i + 1} ${id}`).toBeLessThanOrEqual(barTop);
      }
      const more = page.getByTestId('step-more');
      if ((await more.count()) > 0) {
        // The rest of the reasons open on demand, and every one is there.
        await expect(lines.locator('li')).toHaveCount(2);
        await more.locator('summary').click();
        await expect(more.locator('li').first()).toBeVisible();
        expect(await more.locator('li').count()).toBeGreaterThan(0);
        await page.screenshot({ path: `${SHOTS}/workshop-step${i + 1}-more-${w}x${h}.png` });
        await more.locator('summary').click();
      }
      await page.screenshot({ path: `${SHOTS}/workshop-step${i + 1}-${w}x${h}.png` });
    }
  }
});
