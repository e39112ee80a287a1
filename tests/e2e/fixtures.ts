// The `test` every spec uses: Playwright's, plus a check that the page logged no console error,
// threw no uncaught exception and reported no Content-Security-Policy violation.
import { test as base, expect } from '@playwright/test';

export { expect };

type Fixtures = {
  /** Console errors and uncaught exceptions so far; must be empty when the test ends. */
  consoleErrors: string[];
};

export const test = base.extend<Fixtures>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
