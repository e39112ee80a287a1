// Page object for Simulate, Test and Export: the views' inputs and the values they show.
import { type Locator, type Page, expect } from '@playwright/test';

export class SimulatorPage {
  readonly heading: Locator;
  readonly checkBadge: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.checkBadge = page.getByTestId('check-badge');
  }

  /** Opens a simulator URL on the demo org and waits for the view's heading. */
  async open(path: string, heading = 'Simulate') {
    const separator = path.includes('?') ? '&' : '?';
    await this.page.goto(`${path}${separator}demo=department-store`);
    await expect(this.heading).toHaveText(heading);
  }

  count(table: string, verb: string): Locator {
    return this.page.getByTestId(`count-${table}-${verb}`);
  }

  matrixCell(user: string, table: string): Locator {
    return this.page.getByTestId(`cell-${user}-${table}`);
  }

  /** The number of passing checks the header badge shows ("✓ 30 checks pass"). */
  async passingChecks(): Promise<number> {
    const text = (await this.checkBadge.textContent()) ?? '';
    const match = /✓\s*(\d+) checks? pass/.exec(text);
    expect(match, `badge text: ${text}`).not.toBeNull();
    return Number(match![1]);
  }
}
