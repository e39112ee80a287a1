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

test('the Cedar export downloads schema, policies and entities for the demo', async ({ page }) => {
  const sim = new SimulatorPage(page);
  await sim.open('/export', 'Export');
  const card = page.getByTestId('export-cedar');
  const grab = async (testid: string) => {
    const downloading = page.waitForEvent('download');
    await card.getByTestId(testid).click();
    const download = await downloading;
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const schema = await grab('export-cedar-schema');
  expect(schema.name).toMatch(/\.cedarschema$/);
  expect(schema.text).toContain('entity User in [Team]');
  const policies = await grab('export-cedar-policies');
  expect(policies.name).toMatch(/-policies\.cedar$/);
  expect(policies.text).toContain('permit');
  const entities = await grab('export-cedar-entities');
  const list = JSON.parse(entities.text) as { uid: { type: string; id: string } }[];
  const ofType = (kind: string) => list.filter((e) => e.uid.type.endsWith(`::${kind}`));
  // Every user and every sample record of the demo is an entity.
  const downloading = page.waitForEvent('download');
  await page.getByTestId('export-json').click();
  const doc = JSON.parse(readFileSync(await (await downloading).path(), 'utf8'));
  expect(ofType('User').map((e) => e.uid.id).sort()).toEqual(Object.keys(doc.users).sort());
  expect(ofType('Record')).toHaveLength(Object.keys(doc.data.records).length);
});
