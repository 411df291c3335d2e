// owner.mjs: the console's owner screens (API keys, audit log, settings,
// people) in Debian's chromium, as an owner on a phone uses them: without
// JavaScript, 360 px wide.  One flow: make an API key, see it once (and
// never again on the list), see it work against the write API, revoke it
// after the confirmation step, and see it refused.  Then every owner
// screen, light and dark: axe-core (no serious or critical violation), and
// no horizontal scrolling.  The HTML of each screen as served is written
// to ARTIFACT_DIR/owner-<name>.html for the Nu HTML Checker (t/browser-owner.t).
//
//   node owner.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD
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
	console.error('usage: node owner.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const { at, signedIn, follow, save, shotWidth } = consoleScreens({
	base, artifacts, email, password, prefix: 'owner',
});
const KEY = /^lantern_[0-9a-f]{64}$/;

// A write through the API with key: its status.
async function apiWrite(request, key, name) {
	const page = (await (await request.get(at('/api/v2/summary.json'))).json()).page.id;
	const r = await request.post(at(`/v1/pages/${page}/components`), {
		headers: { Authorization: `OAuth ${key}`, 'Content-Type': 'application/json' },
		data: JSON.stringify({ component: { name } }),
	});
	return r.status();
}

let browser;
try {
	browser = await launch();
	const screens = [['/manage/keys', 'keys'], ['/manage/audit', 'audit'],
		['/manage/settings', 'settings'], ['/manage/people', 'people']];
	// The confirmation steps the flow reached (a key's revocation, a removal).
	const confirmPaths = [];

	// The flow, without JavaScript.
	const { context, page, problems } = await signedIn(browser, { javaScriptEnabled: false });
	const tag = `light, ${PHONE_WIDTH} px, without JavaScript`;
	try {
		await page.goto(at('/manage/keys'));
		await page.fill('#key-name', 'Browser flow key');
		await page.check('input[name="access"][value="write"]');
		const made = await follow(page, 'main form[action$="/manage/keys"] button[type="submit"]');
		const key = await page.inputValue('#new-key').catch(() => '');
		out(made && made.status() === 200 && KEY.test(key),
			`owner (${tag}): making an API key shows it once`, [`status ${made && made.status()}`]);
		writeFileSync(join(artifacts, 'owner-key-made.html'), made ? await made.text() : '');
		await page.goto(at('/manage/keys'));
		const list = await page.content();
		out(list.includes('Browser flow key') && !list.includes(key),
			`owner (${tag}): the list names the key and never shows it again`);
		out(await apiWrite(context.request, key, 'Made by the browser key') === 201,
			`owner (${tag}): the key writes through the API`);
		const row = page.locator('li.manage-row', { hasText: 'Browser flow key' });
		await Promise.all([page.waitForNavigation(), row.locator('a', { hasText: 'Revoke' }).click()]);
		const confirmUrl = page.url();
		const confirmPath = new URL(confirmUrl).pathname;
		out(/\/manage\/keys\/\d+\/revoke$/.test(new URL(confirmUrl).pathname) &&
			await page.locator('button.danger').count() === 1,
			`owner (${tag}): revoking asks first`, [confirmUrl]);
		out(await save(page, confirmPath, 'key-revoke'),
			`owner (${tag}): the confirmation is kept for the checker`, [page.url()]);
		const revoked = await follow(page, 'button.danger');
		out(revoked && new URL(page.url()).pathname === '/manage/keys' &&
			(await page.locator('li.manage-row', { hasText: 'Browser flow key' })
				.locator('.badge', { hasText: 'revoked' }).count()) === 1,
			`owner (${tag}): the key is revoked, and the list says so`, [page.url()]);
		out(await apiWrite(context.request, key, 'After revocation') === 401,
			`owner (${tag}): the revoked key is refused`);
		// The confirmation of a removal, as served, for the checker.
		await page.goto(at('/manage/people'));
		const remove = page.locator('li.manage-row', { hasText: 'editor@example.org' })
			.locator('a', { hasText: 'Remove' });
		await Promise.all([page.waitForNavigation(), remove.click()]);
		out(/\/manage\/people\/\d+\/remove$/.test(new URL(page.url()).pathname),
			`owner (${tag}): removing someone asks first`, [page.url()]);
		const removePath = new URL(page.url()).pathname;
		confirmPaths.push(removePath, confirmPath);
		for (const [path, name] of [...screens, [removePath, 'person-remove']])
			out(await save(page, path, name), `owner (${tag}): ${path} is kept for the checker`,
				[page.url()]);
	} catch (e) {
		problems.push(`error: ${e.message || e}`);
	} finally {
		await context.close();
	}
	out(problems.length === 0, `owner (${tag}): no console errors or >= 400 subresources`, problems);

	// Every screen, light and dark: axe, and no sideways scrolling.
	for (const scheme of ['light', 'dark']) {
		const s = await signedIn(browser, { colorScheme: scheme, bypassCSP: true });
		const cookies = await s.context.cookies();
		const stag = `${scheme}, ${PHONE_WIDTH} px`;
		try {
			for (const path of [...screens.map(([p]) => p), ...confirmPaths]) {
				const found = await axeProblems(browser, at(path), scheme, cookies);
				out(found.length === 0, `owner ${path} (${stag}): axe finds no serious or critical violation`, found);
				await s.page.goto(at(path));
				const name = `owner${path.replace(/\//g, '-').replace(/-manage/, '')}-${scheme}-360`;
				const w = await shotWidth(s.page, name);
				out(w <= PHONE_WIDTH, `owner ${path} (${stag}): no horizontal scrolling`, [`width ${w}`]);
			}
			// The answer that shows a new key: a POST's, checked where it stands.
			await s.page.goto(at('/manage/keys'));
			await s.page.fill('#key-name', `Key seen in ${scheme}`);
			await follow(s.page, 'main form[action$="/manage/keys"] button[type="submit"]');
			const found = await axeHere(s.page);
			out(found.length === 0, `owner POST /manage/keys (${stag}): axe finds no serious or critical violation`, found);
			const w = await shotWidth(s.page, `owner-key-made-${scheme}-360`);
			out(w <= PHONE_WIDTH, `owner POST /manage/keys (${stag}): no horizontal scrolling`, [`width ${w}`]);
		} catch (e) {
			out(false, `owner (${stag}): the screens load`, [String(e && e.stack || e)]);
		} finally {
			await s.context.close();
		}
	}
} catch (e) {
	out(false, 'chromium runs the owner checks', [String(e && e.stack || e)]);
} finally {
	if (browser) await browser.close().catch(() => {});
}
process.exit(0);
