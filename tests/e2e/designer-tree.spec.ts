// The business unit tree's APG keys on the real bundle: type-ahead, `*` to expand siblings,
// Home and End.
import { test, expect } from './fixtures';
import { DesignerPage } from './pages/designer-page';

test('typing letters moves to the next matching unit; * expands siblings; Home and End', async ({ page }) => {
  const designer = new DesignerPage(page);
  await designer.open('/model/business-units', 'Business units');
  const root = designer.treeItem('Ashworth & Vale plc');
  await root.focus();

  await page.keyboard.type('l');
  await expect(designer.treeItem('Leeds, Briggate')).toBeFocused();
  // Letters typed together add up: "lo" passes Leeds and lands on London. Home ends the first
  // prefix and goes back to the root.
  await page.keyboard.press('Home');
  await expect(root).toBeFocused();
  await page.keyboard.type('lo');
  await expect(designer.treeItem('London, Kensington')).toBeFocused();

  // Collapse both regions, then * on a sibling expands them again.
  const north = designer.treeItem('Northern region');
  const south = designer.treeItem('Southern region');
  await north.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(north).toHaveAttribute('aria-expanded', 'false');
  await south.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(south).toHaveAttribute('aria-expanded', 'false');
  await expect(designer.treeItem('Leeds, Briggate')).toHaveCount(0);
  await designer.treeItem('E-commerce').focus();
  await page.keyboard.press('*');
  await expect(north).toHaveAttribute('aria-expanded', 'true');
  await expect(south).toHaveAttribute('aria-expanded', 'true');
  await expect(designer.treeItem('Leeds, Briggate')).toBeVisible();
  await expect(designer.treeItem('E-commerce')).toBeFocused();

  await page.keyboard.press('End');
  await expect(designer.treeItem('London, Kensington')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(root).toBeFocused();
});
