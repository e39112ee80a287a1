// Export: the model JSON downloads and is a rampart-model document with the demo's checks.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { SimulatorPage } from './pages/simulator-page';

test('the demo model downloads as rampart-model JSON', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/export', 'Export');
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.rampart\.json$/);
  const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(doc.format).toBe('rampart-model');
  expect(doc.pinned_checks).toHaveLength(30);
  await expect(page.getByTestId('leakage').locator('tbody tr')).toHaveCount(11);
});
