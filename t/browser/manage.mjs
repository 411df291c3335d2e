// manage.mjs: the web console in Debian's chromium, as a person on a phone
// uses it: without JavaScript, 360 px wide, in light and dark mode.  Signs
// in through the form, sees the Now screen, checks the session cookie the
// browser kept, signs out, and is sent back to the form.  In light mode it
// also sets a component's status from Now and sees it on the public page
// and in summary.json within a second, and tries the doors: a form without
// its CSRF token, a forged Origin, an editor on an owner's screen, an
// expired session, and repeated wrong passwords are all refused.
//
//   node manage.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD EDITOR EDITOR_PASSWORD
//
// LANTERN_TEST_DB_URL: a superuser's database URL (to expire a session).
//
// Prints one line per check, as check.mjs does (t/browser.t numbers them):
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail
// Screenshots go to ARTIFACT_DIR/manage-now-<scheme>-360.png.

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS, launch, out } from './chromium.mjs';
import { axeProblems } from './axe.mjs';

const [base, artifacts, email, password, editor, editorPassword] = process.argv.slice(2);
const dbUrl = process.env.LANTERN_TEST_DB_URL;
if (!base || !artifacts || !email || !password || !editor || !editorPassword || !dbUrl) {
	console.error('usage: LANTERN_TEST_DB_URL=URL node manage.mjs BASE_URL ARTIFACT_DIR ' +
		'EMAIL PASSWORD EDITOR EDITOR_PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const origin = new URL(base).origin;
const at = (path) => new URL(path, base).href;

// Polls check() every 50 ms for ms at most: whether it came true in time.
async function within(ms, check) {
	const end = Date.now() + ms;
	for (;;) {
		if (await check()) return true;
		if (Date.now() > end) return false;
		await new Promise((r) => setTimeout(r, 50));
	}
}

// The public picture of component name: its status in summary.json and
// on / (through nginx, as a visitor gets them).
async function publicStatus(request, name) {
	const summary = await (await request.get(at('/api/v2/summary.json'))).json();
	const c = summary.components.find((x) => x.name === name);
	const html = await (await request.get(at('/'))).text();
	return { json: c && c.status, html };
}

// Signs in through the form in a context of its own: the page, signed in.
async function signIn(browser, who, pw) {
	const context = await browser.newContext({ javaScriptEnabled: false });
	context.setDefaultTimeout(TIMEOUT_MS);
	const page = await context.newPage();
	await page.goto(at('/manage/sign-in'));
	await page.fill('#email', who);
	await page.fill('#password', pw);
	const [response] = await Promise.all([
		page.waitForNavigation(), page.click('button[type="submit"]'),
	]);
	return { context, page, response };
}

// Setting a status from Now, seen everywhere within a second; the doors.
async function writesAndDoors(browser, context, page) {
	const tag = 'console (light, 360 px, without JavaScript)';
	const row = page.locator('li.manage-row', { has: page.locator('.name', { hasText: /^Runner$/ }) });
	await row.locator('select').selectOption('major_outage');
	const clicked = Date.now();
	const [response] = await Promise.all([
		page.waitForNavigation(), row.locator('button[type="submit"]').click(),
	]);
	const shown = await row.locator('.status-major_outage').count();
	out(new URL(page.url()).pathname === '/manage/' && response.status() === 200 && shown === 1,
		`${tag}: a status set from Now is on the next screen`, [page.url(), `shown: ${shown}`]);
	let last = {};
	const seen = await within(1000 - (Date.now() - clicked), async () => {
		last = await publicStatus(context.request, 'Runner');
		return last.json === 'major_outage' && /Runner[\s\S]{0,400}Major Outage/.test(last.html);
	});
	out(seen, `${tag}: and on / and in summary.json within a second of the click`,
		[`summary.json: ${last.json}`]);

	const action = at(await row.locator('form').getAttribute('action'));
	const csrf = await row.locator('input[name="csrf"]').getAttribute('value');
	const once = await row.locator('input[name="once"]').getAttribute('value');
	// The session's cookie, sent as the browser would send it with a form.
	const session = (await context.cookies()).find((c) => c.name === '__Host-lantern_session');
	const Cookie = `${session.name}=${session.value}`;
	const noToken = await context.request.post(action, {
		headers: { Origin: origin, Cookie }, form: { once, status: 'operational' },
		maxRedirects: 0,
	});
	out(noToken.status() === 403 && /security token/.test(await noToken.text()),
		`${tag}: a form without its CSRF token is refused`,
		[`status ${noToken.status()} ${noToken.headers().location || ''}`]);
	const forged = await context.request.post(action, {
		headers: { Origin: 'https://evil.example', Cookie },
		form: { csrf, once, status: 'operational' }, maxRedirects: 0,
	});
	out(forged.status() === 403, `${tag}: a form from another Origin is refused`,
		[`status ${forged.status()}`]);
	last = await publicStatus(context.request, 'Runner');
	out(last.json === 'major_outage', `${tag}: neither changed anything`, [`summary.json: ${last.json}`]);
	// Put back, so the page is as the other checks expect it.
	await row.locator('select').selectOption('operational');
	await Promise.all([page.waitForNavigation(), row.locator('button[type="submit"]').click()]);

	const ed = await signIn(browser, editor, editorPassword);
	const people = await ed.page.goto(at('/manage/people'));
	out(people.status() === 403 && /Only an owner/.test(await ed.page.textContent('body')),
		`${tag}: an editor is refused an owner's screen`, [`status ${people.status()}`]);
	execFileSync('psql', ['-X', '-q', '-d', dbUrl, '-c',
		"UPDATE sessions SET idle_expires_at = now() - interval '1 second', " +
		"expires_at = now() - interval '1 second' WHERE person_id = " +
		`(SELECT id FROM people WHERE lower(email) = lower('${editor.replace(/'/g, "''")}'))`]);
	await ed.page.goto(at('/manage/'));
	out(new URL(ed.page.url()).pathname === '/manage/sign-in',
		`${tag}: an expired session is sent to the sign-in form`, [ed.page.url()]);

	// Wrong passwords: the door closes, and says for how long.
	let status = 0, text = '';
	for (let i = 0; i < 7 && status !== 429; i++) {
		await ed.page.goto(at('/manage/sign-in'));
		await ed.page.fill('#email', editor);
		await ed.page.fill('#password', `wrong password ${i}`);
		const [r] = await Promise.all([
			ed.page.waitForNavigation(), ed.page.click('button[type="submit"]'),
		]);
		status = r.status();
		text = await ed.page.textContent('body');
	}
	out(status === 429 && /Too many failed sign-ins/.test(text),
		`${tag}: repeated wrong passwords are throttled`, [`last status ${status}`]);
	await ed.context.close();
}


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
			const found = await axeProblems(browser, at('/manage/'), scheme, await context.cookies());
			out(found.length === 0,
				`console (${tag}): axe finds no serious or critical violation on Now`, found);
			if (scheme === 'light')
				await writesAndDoors(browser, context, page);
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
