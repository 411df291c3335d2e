// subscribers.mjs: the console's subscribers screen in Debian's chromium,
// as an editor on a phone uses it: without JavaScript, 360 px wide.  One
// flow: add a webhook (its signing secret shown once, never on the list),
// a refused form (the field marked), reactivate a quarantined one, and
// unsubscribe after the confirmation step.  Then the screen, its filtered
// list, the confirmation, the answer that shows a secret and a refusal,
// light and dark: axe-core (no serious or critical violation) and no
// horizontal scrolling.  The HTML as served is written to
// ARTIFACT_DIR/subscribers-<name>.html for the Nu HTML Checker
// (t/browser-subscribers.t).
//
//   node subscribers.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD
//
// Prints one line per check, as check.mjs does:
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE_WIDTH, launch, out } from './chromium.mjs';
import { axeHere, axeProblems } from './axe.mjs';
import { consoleScreens } from './console.mjs';

const [base, artifacts, email, password] = process.argv.slice(2);
if (!base || !artifacts || !email || !password) {
	console.error('usage: node subscribers.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const { at, signedIn, follow, save, shotWidth } = consoleScreens({
	base, artifacts, email, password, prefix: 'subscribers',
	// Chromium logs the 422 of the refusal this flow sends on purpose.
	quiet: /status of 422/,
});
const SECRET = /^[0-9a-f]{64}$/;
const ADD = 'main form[action$="/manage/subscribers"][method="post"] button[type="submit"]';

// The add form filled in: a refused one (bad URL) or a webhook.
async function fillAdd(page, address) {
	await page.selectOption('#sub-channel', 'webhook');
	await page.fill('#sub-address', address);
}

let browser;
try {
	browser = await launch();
	const screens = [['/manage/subscribers', 'list'],
		['/manage/subscribers?state=quarantined', 'quarantined']];
	let confirmPath = null;

	const { page, problems, context } = await signedIn(browser, { javaScriptEnabled: false });
	const tag = `light, ${PHONE_WIDTH} px, without JavaScript`;
	try {
		await page.goto(at('/manage/subscribers'));
		await fillAdd(page, 'https://127.0.0.1/nope');
		const refused = await follow(page, ADD);
		out(refused && refused.status() === 422 &&
			await page.getAttribute('#sub-address', 'aria-invalid') === 'true' &&
			await page.inputValue('#sub-address') === 'https://127.0.0.1/nope',
			`subscribers (${tag}): a loopback URL is refused, the field marked and kept`,
			[`status ${refused && refused.status()}`]);
		writeFileSync(join(artifacts, 'subscribers-refused.html'), refused ? await refused.text() : '');

		await fillAdd(page, 'https://hooks.example.com/browser');
		const added = await follow(page, ADD);
		const secret = await page.inputValue('#new-secret').catch(() => '');
		out(added && added.status() === 200 && SECRET.test(secret),
			`subscribers (${tag}): a webhook added shows its signing secret once`,
			[`status ${added && added.status()}`]);
		writeFileSync(join(artifacts, 'subscribers-added.html'), added ? await added.text() : '');
		await page.goto(at('/manage/subscribers'));
		const list = await page.content();
		out(list.includes('https://hooks.example.com/browser') && !list.includes(secret),
			`subscribers (${tag}): the list shows it and never its secret`);

		await page.goto(at('/manage/subscribers?state=quarantined'));
		const q = page.locator('li.manage-row', { hasText: 'quarantined.example.com' });
		await Promise.all([page.waitForNavigation(),
			q.locator('button', { hasText: 'Reactivate' }).click()]);
		await page.goto(at('/manage/subscribers?state=quarantined'));
		out(await page.locator('li.manage-row', { hasText: 'quarantined.example.com' }).count() === 0,
			`subscribers (${tag}): reactivated, it is no longer quarantined`);

		await page.goto(at('/manage/subscribers'));
		const row = page.locator('li.manage-row', { hasText: 'https://hooks.example.com/browser' });
		await Promise.all([page.waitForNavigation(), row.locator('a', { hasText: 'Unsubscribe' }).click()]);
		confirmPath = new URL(page.url()).pathname;
		out(/\/manage\/subscribers\/\d+\/unsubscribe$/.test(confirmPath) &&
			await page.locator('button.danger').count() === 1,
			`subscribers (${tag}): unsubscribing asks first`, [page.url()]);
		out(await save(page, confirmPath, 'unsubscribe'),
			`subscribers (${tag}): the confirmation is kept for the checker`, [page.url()]);
		await follow(page, 'button.danger');
		await page.goto(at('/manage/subscribers?state=unsubscribed'));
		out(await page.locator('li.manage-row', { hasText: 'https://hooks.example.com/browser' }).count() === 1,
			`subscribers (${tag}): unsubscribed, and listed so`);
		for (const [path, name] of screens)
			out(await save(page, path, name), `subscribers (${tag}): ${path} is kept for the checker`,
				[page.url()]);
	} catch (e) {
		problems.push(`error: ${e.message || e}`);
	} finally {
		await context.close();
	}
	out(problems.length === 0, `subscribers (${tag}): no console errors or >= 400 subresources`, problems);

	for (const scheme of ['light', 'dark']) {
		const s = await signedIn(browser, { colorScheme: scheme, bypassCSP: true });
		const cookies = await s.context.cookies();
		const stag = `${scheme}, ${PHONE_WIDTH} px`;
		try {
			const paths = [...screens.map(([p]) => p), ...(confirmPath ? [confirmPath] : [])];
			for (const path of paths) {
				const found = await axeProblems(browser, at(path), scheme, cookies);
				out(found.length === 0, `subscribers ${path} (${stag}): axe finds no serious or critical violation`, found);
				await s.page.goto(at(path));
				const name = `subscribers${path.replace(/[/?=]/g, '-').replace(/-manage-subscribers/, '')}-${scheme}-360`;
				const w = await shotWidth(s.page, name);
				out(w <= PHONE_WIDTH, `subscribers ${path} (${stag}): no horizontal scrolling`, [`width ${w}`]);
			}
			// The answers to a POST, checked where they stand: a refusal, a secret.
			for (const [address, what] of [['https://127.0.0.1/nope', 'refused'],
				[`https://hooks.example.com/${scheme}`, 'secret']]) {
				await s.page.goto(at('/manage/subscribers'));
				await fillAdd(s.page, address);
				await follow(s.page, ADD);
				const found = await axeHere(s.page);
				out(found.length === 0, `subscribers POST, ${what} (${stag}): axe finds no serious or critical violation`, found);
				const w = await shotWidth(s.page, `subscribers-${what}-${scheme}-360`);
				out(w <= PHONE_WIDTH, `subscribers POST, ${what} (${stag}): no horizontal scrolling`, [`width ${w}`]);
			}
		} catch (e) {
			out(false, `subscribers (${stag}): the screens load`, [String(e && e.stack || e)]);
		} finally {
			await s.context.close();
		}
	}
} catch (e) {
	out(false, 'chromium runs the subscribers checks', [String(e && e.stack || e)]);
} finally {
	if (browser) await browser.close().catch(() => {});
}
process.exit(0);
