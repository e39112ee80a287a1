// Page object for the app shell: header, navigation, footer and the current view's heading.
import { type Locator, type Page, expect } from '@playwright/test';

export class ShellPage {
  readonly modelTitle: Locator;
  readonly appVersion: Locator;
  readonly formatVersion: Locator;
  readonly nav: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.modelTitle = page.getByTestId('model-title');
    this.appVersion = page.getByTestId('app-version');
    this.formatVersion = page.getByTestId('format-version');
    this.nav = page.getByRole('navigation', { name: 'Views' });
    this.heading = page.getByRole('heading', { level: 1 });
  }

  /** Opens `path` and waits until the app has rendered its header. */
  async open(path: string) {
    await this.page.goto(path);
    await expect(this.modelTitle).toBeVisible();
  }

  navLink(name: string): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }
}
