// console.mjs: what the console's screen tests (owner.mjs, subscribers.mjs)
// share: a browser context fenced in to loopback and signed in through the
// form, a click that waits for the page it leads to, a screen saved as
// served for the Nu HTML Checker, and a screenshot's width.
//
//   const { at, signedIn, follow, save, shotWidth } = consoleScreens({
//       base, artifacts, email, password, prefix, quiet });
//
// prefix names the saved screens (ARTIFACT_DIR/<prefix>-<name>.html);
// quiet, a regular expression, console errors the flow causes on purpose.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS } from './chromium.mjs';

export function consoleScreens({ base, artifacts, email, password, prefix, quiet = null }) {
	const at = (path) => new URL(path, base).href;

	// A context fenced in to loopback, signed in: { context, page, problems }.
	async function signedIn(browser, options) {
		const context = await browser.newContext({
			viewport: { width: PHONE_WIDTH, height: 740 }, ...options,
		});
		context.setDefaultTimeout(TIMEOUT_MS);
		const problems = [];
		await context.route('**/*', (route) => {
			const url = route.request().url();
			if (new URL(url).hostname === ALLOWED_HOST) return route.continue();
			problems.push(`left ${ALLOWED_HOST}: ${url}`);
			return route.abort('blockedbyclient');
		});
		const page = await context.newPage();
		page.on('console', (m) => {
			if (m.type() === 'error' && !(quiet && quiet.test(m.text())))
				problems.push(`console error: ${m.text()}`);
		});
		page.on('response', (r) => {
			if (!r.request().isNavigationRequest() && r.status() >= 400)
				problems.push(`subresource status: ${r.status()} ${r.url()}`);
		});
		await page.goto(at('/manage/sign-in'));
		await page.fill('#email', email);
		await page.fill('#password', password);
		await Promise.all([page.waitForNavigation(), page.click('main button[type="submit"]')]);
		return { context, page, problems };
	}

	// Clicks what selector names and waits for the page it leads to: the response.
	async function follow(page, selector) {
		const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
		await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
		return response;
	}

	// The screen at path as served, for the checker: a navigation's answer
	// (the browser's session cookie is Secure, which playwright's own
	// request context does not send over http://127.0.0.1).  Whether it
	// was that screen (its path and query).
	async function save(page, path, name) {
		const r = await page.goto(at(path));
		writeFileSync(join(artifacts, `${prefix}-${name}.html`), r ? await r.text() : '');
		const u = new URL(page.url());
		return r && r.status() === 200 && u.pathname + u.search === path;
	}

	// The full-page screenshot's width: wider than the phone means scrolling sideways.
	async function shotWidth(page, name) {
		const shot = await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
		return shot.readUInt32BE(16);
	}

	return { at, signedIn, follow, save, shotWidth };
}
