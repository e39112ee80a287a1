// Workshop mode on the real bundle: each demo org's walkthrough driven with the keyboard only in
// presenter mode, every step's answer compared with the engine's (tests/e2e/fixtures/
// walkthrough-answers.json, written and checked by `cargo test -p engine --test walkthrough`);
// Shift+P, the blank screen, hidden names, the fresh start; the live what-if with undo; and
// screenshots at projector sizes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';
import { DesignerPage } from './pages/designer-page';

type Step = {
  kind: string;
  question: string;
  question_hidden: string;
  headline: string;
  outcome: string | null;
  figures: [string, number][];
  first_line: string;
};
type Expected = Record<string, { title: string; steps: Step[] }> & {
  effect: { headline: string; figures: [string, number][] };
};
const expected: Expected = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'walkthrough-answers.json'), 'utf8'),
);
const SHOTS = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'target', 'screenshots');

const root = (page: Page) => page.locator('html');

async function openDemoPresenting(page: Page, demo: string) {
  const shell = new ShellPage(page);
  await shell.open(`/?demo=${demo}`);
  await expect(shell.modelTitle).not.toHaveText('No model open');
  await page.keyboard.press('Shift+P');
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
}

async function expectStep(page: Page, index: number, total: number, step: Step) {
  await expect(page.getByTestId('step-counter')).toHaveText(`${index + 1} / ${total}`);
  await expect(page.getByTestId('step-question')).toHaveText(step.question);
  await expect(page.getByTestId('step-headline')).toHaveText(step.headline);
  const figures = page.getByTestId('step-figure');
  await expect(figures).toHaveCount(step.figures.length);
  for (const [i, [label, value]] of step.figures.entries()) {
    await expect(figures.nth(i)).toHaveAttribute('data-label', label);
    await expect(figures.nth(i)).toHaveAttribute('data-value', String(value));
  }
  await expect(page.getByTestId('step-lines').locator('li').first()).toHaveText(step.first_line);
}

for (const demo of ['department-store', 'multinational-sales']) {
  test(`${demo}: the whole walkthrough, keyboard only, in presenter mode`, async ({ page }) => {
    await openDemoPresenting(page, demo);
    const walk = expected[demo];
    await page.keyboard.press('w');
    await expect(page.getByTestId('walkthrough-title')).toHaveText(walk.title);
    await expect(page.getByTestId('walkthrough-step-row')).toHaveCount(walk.steps.length);

    const total = walk.steps.length;
    for (const [i, step] of walk.steps.entries()) {
      // Clickers send PageDown; keyboards use the arrow.
      await page.keyboard.press(i % 2 === 0 ? 'PageDown' : 'ArrowRight');
      await expectStep(page, i, total, step);
    }
    // Past the last step nothing moves; back with PageUp and the left arrow.
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-counter')).toHaveText(`${total} / ${total}`);
    await page.keyboard.press('PageUp');
    await expectStep(page, total - 2, total, walk.steps[total - 2]);
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, total - 3, total, walk.steps[total - 3]);

    // Esc leaves the walkthrough, a second Esc leaves presenter mode.
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('walkthrough-steps')).toBeVisible();
    await expect(root(page)).toHaveAttribute('data-presenter', 'on');
    await page.keyboard.press('Escape');
    await expect(root(page)).not.toHaveAttribute('data-presenter', /.*/);
  });
}

test('Shift+P toggles presenter mode, B and "." blank the screen, N hides names', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  await expect(shell.nav).toBeVisible();
  const toggle = page.getByTestId('present-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');

  await page.keyboard.press('Shift+P');
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(shell.nav).toBeHidden();
  await expect(page.getByTestId('presenter-bar')).toBeVisible();
  // Large type: at least 20 px at 1280×720 (Playwright's default viewport).
  const size = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);

  await page.keyboard.press('b');
  await expect(page.getByTestId('presenter-blank')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('presenter-blank')).toBeHidden();
  await page.keyboard.press('.');
  await expect(page.getByTestId('presenter-blank')).toBeVisible();
  // The key that brings the picture back does nothing else (here: it would open the walkthrough).
  await page.keyboard.press('w');
  await expect(page.getByTestId('presenter-blank')).toBeHidden();
  await expect(page.getByTestId('present-page')).toHaveCount(0);

  const step = expected['department-store'].steps[0];
  await page.keyboard.press('w');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-question')).toHaveText(step.question);
  expect(step.question).toContain('Jack Thornton');
  await page.keyboard.press('n');
  await expect(root(page)).toHaveAttribute('data-names', 'hidden');
  await expect(page.getByTestId('step-question')).toHaveText(step.question_hidden);
  await expect(page.getByTestId('walkthrough-step')).not.toContainText('Jack Thornton');
  await expect(page.getByTestId('walkthrough-step')).not.toContainText('u_leeds_clerk2');
  await page.keyboard.press('n');
  await expect(page.getByTestId('step-question')).toHaveText(step.question);

  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+P');
  await expect(root(page)).not.toHaveAttribute('data-presenter', /.*/);
  await expect(shell.nav).toBeVisible();
});

test('the fresh start opens presenting with no saved workspace restored or listed', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=multinational-sales');
  await page.getByTestId('present-toggle').click();
  const fresh = page.getByTestId('presenter-fresh');
  await expect(fresh).toHaveAttribute('href', '/?fresh&present');
  await fresh.click();
  await expect(page).toHaveURL(/\?fresh&present$/);
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  await expect(shell.modelTitle).toHaveText('No model open');
  await expect(page.getByTestId('workspace-list')).toHaveCount(0);
  await expect(page.getByTestId('no-workspaces')).toContainText('Fresh session');
});

test('a depth changed in the role grid while presenting shows its effect, and undo restores it', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/security-roles/role_store_staff', 'Security roles');
  await page.keyboard.press('Shift+P');
  await expect(root(page)).toHaveAttribute('data-presenter', 'on');
  const cell = designer.cell('contact', 'Read');
  await expect(cell).toHaveAccessibleName('contact, Read: Business Unit (Local)');
  await cell.click({ modifiers: ['Shift'] });
  await expect(cell).toHaveAccessibleName('contact, Read: User (Basic)');

  const effect = page.getByTestId('presenter-effect');
  await expect(effect).toBeVisible();
  await expect(page.getByTestId('presenter-effect-headline')).toHaveText(expected.effect.headline);
  const figures = page.getByTestId('presenter-effect-figure');
  await expect(figures).toHaveCount(expected.effect.figures.length);
  await expect(figures.nth(2)).toHaveText(`−${-expected.effect.figures[2][1]}`);

  await page.getByTestId('presenter-undo').click();
  await expect(cell).toHaveAccessibleName('contact, Read: Business Unit (Local)');
  await expect(effect).toBeHidden();
});

test('screenshots of presenter mode at 1920×1080 and 1280×720', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await openDemoPresenting(page, 'department-store');
  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/present');
    await expect(page.getByTestId('walkthrough-steps')).toBeVisible();
    await expect(page.getByTestId('model-title')).toHaveText('Ashworth & Vale — UK department store');
    await page.keyboard.press('Shift+P');
    await expect(root(page)).toHaveAttribute('data-presenter', 'on');
    await page.screenshot({ path: `${SHOTS}/presenter-overview-${w}x${h}.png` });
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('step-counter')).toHaveText(/^1 \//);
    await page.screenshot({ path: `${SHOTS}/presenter-step1-${w}x${h}.png` });
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.screenshot({ path: `${SHOTS}/presenter-step3-${w}x${h}.png` });
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.screenshot({ path: `${SHOTS}/presenter-step5-${w}x${h}.png` });
    await page.keyboard.press('Escape');
    await page.goto('/model/security-roles/role_store_staff');
    await expect(page.getByRole('grid')).toBeVisible();
    await page.keyboard.press('Shift+P');
    await expect(root(page)).toHaveAttribute('data-presenter', 'on');
    const cell = new DesignerPage(page).cell('contact', 'Read');
    await cell.click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('presenter-effect')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/presenter-roles-effect-${w}x${h}.png` });
    await page.getByTestId('presenter-undo').click();
  }
});
