/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML report as a person sees it, in headless Chromium: the coverage map's cells, the filters,
 * the copy button, hostile text shown as text, and a 10,000-account organization that stays usable.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { syntheticOrganization } from '../../bench/synthetic-org';
import { evaluate } from '../../lambda/checks/evaluate';
import type { Finding } from '../../lambda/findings/finding';
import { renderHtmlReport } from '../../lambda/report/format-html';
import { buildReport } from '../../lambda/report/report';
import type { Snapshot, SnapshotAccount } from '../../lambda/snapshot/types';
import { ARTIFACTS, chromiumInstalled, launchChromium, MISSING_CHROMIUM } from './chromium';

const demoOrg = (): Snapshot => JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'demo-org.json'), 'utf8')) as Snapshot;

function demoHtml(): string {
  const snapshot = demoOrg();
  return renderHtmlReport(buildReport(snapshot, evaluate(snapshot).findings));
}

/** Writes the page as a file and opens it, as a person opening the attachment would. */
async function open(browser: Browser, html: string, name: string): Promise<{ page: Page; dialogs: string[]; requests: string[]; path: string }> {
  const path = join(ARTIFACTS, `${name}.html`);
  writeFileSync(path, html);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith('file:')) requests.push(request.url());
  });
  await page.goto(`file://${path}`);
  await page.waitForSelector('#map .map-row');
  return { page, dialogs, requests, path };
}

if (!chromiumInstalled) {
  it.todo(MISSING_CHROMIUM);
} else {
  describe('the HTML report in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the demo organization\'s coverage map, each cell in its state, and a cell\'s findings on click', async () => {
      // Prepare / Act
      const { page, requests } = await open(browser, demoHtml(), 'demo-report');
      // Assess: one row per active account, one cell per region.
      const rows = await page.$$eval('#map .map-row', (nodes) => nodes.map((n) => [n.querySelector('.account')?.textContent, [...n.querySelectorAll('.cell')].map((c) => c.getAttribute('data-state'))]));
      expect(rows).toEqual([
        ['management (111111111111)', ['delivered', 'delivered']],
        ['log-archive (222222222222)', ['delivered', 'stale']],
        ['payments-prod (333333333333)', ['delivered', 'stale']],
        ['data-platform (444444444444)', ['not-audited', 'not-audited']],
        ['marketing-site (555555555555)', ['not-enabled', 'stale']],
        ['acquired-analytics (666666666666)', ['delivered', 'stale']],
        ['sandbox-new (777777777777)', ['grace', 'grace']],
      ]);
      await page.click('.map-row[data-account="555555555555"] .cell[data-region="us-east-1"]');
      const detail = await page.textContent('#cell-detail');
      expect(detail).toContain('marketing-site (555555555555) · us-east-1: stale');
      expect(detail).toContain('DLV-008');
      // The header names the blind spot before anything else.
      expect(await page.textContent('#blind-spots')).toMatch(/AUD-001.*data-platform \(444444444444\)/);
      expect(requests).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'html-report.png'), fullPage: false });
      await page.close();
    });

    it('puts symptoms under their root cause, and hides findings when a severity or an account is filtered out', async () => {
      const { page } = await open(browser, demoHtml(), 'demo-report-filters');
      const s3 = page.locator('article[data-check="S3-002"]');
      await s3.locator('summary', { hasText: 'Explains 5 findings' }).click();
      await s3.locator('.symptom').first().waitFor();
      expect(await s3.locator('.symptom').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-check')))).toEqual(['DLV-002', 'DLV-008', 'DLV-008', 'DLV-008', 'DLV-008']);

      expect(await page.locator('#findings-list article[data-check="CFG-010"]').count()).toBe(1);
      await page.uncheck('#severity-INFORMATIONAL');
      expect(await page.locator('#findings-list article[data-check="CFG-010"]').count()).toBe(0);

      await page.check('input[name=view][value=check]');
      const dlv008 = page.locator('#findings-list article[data-check="DLV-008"]');
      expect(await dlv008.textContent()).toContain('5 findings in 4 account(s)');
      await dlv008.locator('summary').first().click();
      await dlv008.locator('tr[data-account]').first().waitFor(); // rendered when the details open
      expect(await dlv008.locator('tr[data-account]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account')))).toEqual([
        '222222222222', '333333333333', '555555555555', '555555555555', '666666666666',
      ]);
      await page.check('input[name=view][value=cause]');

      await page.fill('#account-filter', 'payments');
      expect(await page.locator('#map .map-row').count()).toBe(1);
      const checks = await page.locator('#findings-list article').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-check')));
      expect(checks).toEqual(['S3-002']); // payments-prod's only finding is a DLV-008 S3-002 explains
      await page.close();
    });

    it('copies a remediation command with its button', async () => {
      // The clipboard is granted to a real origin only (not file://): serve the page from localhost.
      const html = demoHtml();
      const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const context = await browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await context.newPage();
      await page.goto(`${origin}/report.html`);
      const block = page.locator('article[data-check="DLV-001"] pre.command').first();
      const command = await block.locator('code').textContent();
      expect(command).toBe('aws cloudtrail start-logging --name arn:aws:cloudtrail:eu-south-2:111111111111:trail/eu-residency-trail --region eu-south-2');
      await block.locator('button').click();
      await page.waitForFunction(() => document.querySelector('article[data-check="DLV-001"] pre.command button')?.textContent === 'Copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(command);
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('shows hostile text from the snapshot as text, in content and attributes, and runs none of it', async () => {
      // Prepare: a hostile account name, and a finding whose text tries to end the data block and an attribute.
      const snapshot = demoOrg();
      const hostileName = '<img src=x onerror=alert(1)>';
      (snapshot.accounts as SnapshotAccount[]).find((a) => a.Id === '333333333333')!.Name = hostileName;
      const hostile: Finding = {
        checkId: 'S3-001', severity: 'HIGH', accountId: '333333333333', region: 'us-east-1',
        resource: '" onmouseover="alert(2)', title: '</script><script>window.pwned = 1</script>',
        detail: 'Sid <b onclick=alert(3)>x</b>', remediation: 'Run `aws s3 ls "</script><img src=y onerror=alert(4)>"`',
      };
      const html = renderHtmlReport(buildReport(snapshot, [...evaluate(snapshot).findings, hostile]));
      // Act
      const { page, dialogs } = await open(browser, html, 'hostile-report');
      await page.click('.map-row[data-account="333333333333"] .cell[data-region="us-east-1"]');
      // Assess
      const body = await page.textContent('body');
      expect(body).toContain(`${hostileName} (333333333333)`);
      expect(body).toContain('</script><script>window.pwned = 1</script>');
      expect(await page.locator('#findings-list article[data-check="S3-001"] .where').textContent()).toContain('" onmouseover="alert(2)');
      expect(await page.locator('#findings-list article[data-check="S3-001"] pre.command code').textContent()).toBe('aws s3 ls "</script><img src=y onerror=alert(4)>"');
      expect(await page.locator('img, b').count()).toBe(0);
      await page.hover('#findings-list article[data-check="S3-001"]');
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
      await page.close();
    });

    it('stays usable at 10,000 accounts: a bounded file, a fast first paint, only the rows in view in the page', async () => {
      // Prepare
      const snapshot = syntheticOrganization({ members: 9_999, faults: { unreachableMembers: 100, uncoveredMembers: 50, staleEvidence: 2_000 } });
      const findings = evaluate(snapshot).findings;
      const html = renderHtmlReport(buildReport(snapshot, findings));
      // Act
      const started = Date.now();
      const { page, path } = await open(browser, html, 'large-report');
      const renderMs = Date.now() - started;
      // Assess
      const megabytes = statSync(path).size / 1_048_576;
      console.log(`HTML report of 10,000 accounts × 17 regions, ${findings.length} findings: ${megabytes.toFixed(2)} MiB, opened and rendered in ${renderMs} ms`);
      expect(megabytes).toBeLessThan(8);
      expect(renderMs).toBeLessThan(10_000);
      expect(await page.locator('#map-count').textContent()).toBe('10000 of 10000 accounts');
      expect(await page.locator('#map .map-row').count()).toBeLessThan(120);
      await page.locator('#map').evaluate((map) => { map.scrollTop = map.scrollHeight; });
      await page.waitForSelector('.map-row[data-account="200000009999"]');
      expect(await page.locator('#findings-list article').count()).toBeLessThanOrEqual(101);
      await page.close();
    });
  });
}
