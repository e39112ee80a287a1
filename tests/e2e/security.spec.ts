// Rampart talks to no other origin, and its Content-Security-Policy is in force.
import { test, expect } from './fixtures';
import { ShellPage } from './pages/shell-page';

test('every request the app makes goes to its own origin', async ({ page, context, baseURL }) => {
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  for (const name of ['Teams', 'Users', 'Security roles', 'Tables', 'Simulate', 'Test', 'Export']) {
    await shell.navLink(name).click();
    await expect(shell.heading).toHaveText(name);
  }
  await page.reload();
  await expect(shell.modelTitle).toBeVisible();

  const origin = new URL(baseURL!).origin;
  expect(requested.length).toBeGreaterThan(3);
  expect(requested.filter((url) => new URL(url).origin !== origin)).toEqual([]);
  expect(requested.some((url) => url.endsWith('.wasm'))).toBe(true);
});

test('the Content-Security-Policy blocks inline scripts', async ({ page, consoleErrors }) => {
  const shell = new ShellPage(page);
  await shell.open('/?demo=department-store');
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injectedScriptRan = true';
    document.head.append(script);
    return (window as unknown as { injectedScriptRan?: boolean }).injectedScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => consoleErrors.join('\n')).toContain('CSP violation: script-src-elem');
  // The violation was provoked on purpose; anything else logged still fails the test.
  const unexpected = consoleErrors.filter((error) => !/Content Security Policy|CSP violation/.test(error));
  consoleErrors.splice(0, consoleErrors.length, ...unexpected);
});
