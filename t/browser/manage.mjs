// manage.mjs: the web console in Debian's chromium, as a person on a phone
// uses it: without JavaScript, 360 px wide, in light and dark mode.  Signs
// in through the form, sees the Now screen, checks the session cookie the
// browser kept, signs out, and is sent back to the form.
//
//   node manage.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD
//
// Prints one line per check, as check.mjs does (t/browser.t numbers them):
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail
// Screenshots go to ARTIFACT_DIR/manage-now-<scheme>-360.png.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS, launch, out } from './chromium.mjs';

const [base, artifacts, email, password] = process.argv.slice(2);
if (!base || !artifacts || !email || !password) {
	console.error('usage: node manage.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });


let browser;
try {
	browser = await launch();
	for (const scheme of ['light', 'dark']) {
		const context = await browser.newContext({
			viewport: { width: PHONE_WIDTH, height: 740 },
			javaScriptEnabled: false,
			colorScheme: scheme,
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
			if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
		});
		// A request cut short by the next navigation (the icon, when a
		// button is pressed at once) is the browser's doing, not the page's.
		page.on('requestfailed', (r) => {
			const why = r.failure() ? r.failure().errorText : '';
			if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}: ${why}`);
		});
		// Each page settles (its icon and stylesheets loaded) before the next step.
		const settle = () => page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});
		page.on('response', (r) => {
			if (!r.request().isNavigationRequest() && r.status() >= 400)
				problems.push(`subresource status: ${r.status()} ${r.url()}`);
		});
		const tag = `${scheme}, ${PHONE_WIDTH} px, without JavaScript`;
		try {
			await page.goto(new URL('/manage/', base).href);
			await settle();
			out(new URL(page.url()).pathname === '/manage/sign-in',
				`console (${tag}): /manage/ signed out lands on the sign-in form`, [page.url()]);
			await page.fill('#email', email);
			await page.fill('#password', password);
			const [response] = await Promise.all([
				page.waitForNavigation(),
				page.click('button[type="submit"]'),
			]);
			await settle();
			const h1 = await page.textContent('h1');
			out(new URL(page.url()).pathname === '/manage/' && response && response.status() === 200 &&
				/^Now: /.test(h1 || ''),
				`console (${tag}): signing in through the form shows Now`,
				[`${page.url()} ${response ? response.status() : '?'} h1: ${h1}`]);
			const cookie = (await context.cookies()).find((c) => c.name === '__Host-lantern_session');
			out(cookie && cookie.httpOnly && cookie.secure && cookie.sameSite === 'Strict' &&
				cookie.path === '/',
				`console (${tag}): the browser keeps the session cookie HttpOnly, Secure, SameSite=Strict`,
				[JSON.stringify(cookie || null)]);
			const shot = await page.screenshot({
				path: join(artifacts, `manage-now-${scheme}-360.png`), fullPage: true,
			});
			const width = shot.readUInt32BE(16);
			out(width <= PHONE_WIDTH, `console (${tag}): Now has no horizontal scrolling`,
				[`full-page screenshot width = ${width}`]);
			await Promise.all([
				page.waitForNavigation(),
				page.click('.who button[type="submit"]'),
			]);
			await settle();
			await page.goto(new URL('/manage/', base).href);
			await settle();
			out(new URL(page.url()).pathname === '/manage/sign-in',
				`console (${tag}): after signing out, /manage/ asks to sign in again`, [page.url()]);
		} catch (e) {
			problems.push(`error: ${e.message || e}`);
		} finally {
			await context.close();
		}
		out(problems.length === 0,
			`console (${tag}): no console errors, failed or >= 400 subresources`, problems);
	}
} catch (e) {
	out(false, 'chromium runs the console checks', [String(e && e.stack || e)]);
} finally {
	if (browser) await browser.close().catch(() => {});
}
process.exit(0);
