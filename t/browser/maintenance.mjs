// maintenance.mjs: the console's maintenance, components and groups screens
// in Debian's chromium, as a person on a phone uses them.  Without
// JavaScript at 360 px, on a page in Europe/Berlin: signs in, schedules
// maintenance across the October change and sees the right local times on
// the public page and in the JSON, answers the question a time shown twice
// asks, is told a skipped time does not exist; creates a component and a
// group, moves the component up, deletes it after the confirmation.  Then,
// light and dark at 360 px, runs axe on every one of these screens (no
// serious or critical violation), checks none scrolls sideways, and keeps
// each screen's HTML as served for the Nu HTML Checker.
//
//   node maintenance.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD
//
// Prints one line per check, as check.mjs does:
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail
// and writes ARTIFACT_DIR/maintenance-<screen>.html and -<scheme>.png.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS, launch, out } from './chromium.mjs';
import { axeProblems } from './axe.mjs';

const [base, artifacts, email, password] = process.argv.slice(2);
if (!base || !artifacts || !email || !password) {
	console.error('usage: node maintenance.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const url = (path) => new URL(path, base).href;
const path = (page) => new URL(page.url()).pathname;

// A context without JavaScript, fenced in to the test's servers, recording
// what goes wrong.
async function open(browser, colorScheme, problems) {
	const context = await browser.newContext({
		viewport: { width: PHONE_WIDTH, height: 740 }, javaScriptEnabled: false, colorScheme,
	});
	context.setDefaultTimeout(TIMEOUT_MS);
	await context.route('**/*', (route) => {
		const u = route.request().url();
		if (new URL(u).hostname === ALLOWED_HOST) return route.continue();
		problems.push(`left ${ALLOWED_HOST}: ${u}`);
		return route.abort('blockedbyclient');
	});
	const page = await context.newPage();
	page.on('console', (m) => {
		if (m.type() === 'error' && !/status of 4\d\d/.test(m.text()))
			problems.push(`console error: ${m.text()}`);
	});
	page.on('requestfailed', (r) => {
		const why = r.failure() ? r.failure().errorText : '';
		if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()}: ${why}`);
	});
	page.on('response', (r) => {
		if (!r.request().isNavigationRequest() && r.status() >= 400)
			problems.push(`subresource status: ${r.status()} ${r.url()}`);
	});
	return { context, page };
}

const settle = (page) => page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => {});

// Presses a button and waits for the page it leads to; its response.
async function submit(page, name) {
	const [response] = await Promise.all([
		page.waitForNavigation(),
		page.getByRole('button', { name, exact: true }).click(),
	]);
	await settle(page);
	return response;
}

async function signIn(page) {
	await page.goto(url('/manage/sign-in'));
	await page.fill('#email', email);
	await page.fill('#password', password);
	return submit(page, 'Sign in');
}

async function schedule(page, name, starts, ends) {
	await page.goto(url('/manage/maintenance/new'));
	await page.fill('#m-name', name);
	await page.fill('#m-starts', starts);
	await page.fill('#m-ends', ends);
	return page;
}

// The names of the components list's rows, in order.
const rows = (page) => page.locator('.manage-list .name').allTextContents();

let browser;
// Screens to check in both schemes: [name, path].
const screens = [];
let cookies = [];
let cid;
try {
	browser = await launch();
	const problems = [];
	const { context, page } = await open(browser, 'light', problems);
	const tag = `maintenance (light, ${PHONE_WIDTH} px, without JavaScript)`;
	try {
		const signed = await signIn(page);
		out(signed && signed.status() === 200 && path(page) === '/manage/', `${tag}: signs in`, [page.url()]);
		cookies = await context.cookies();

		// Across the last Sunday of October 2027 in Berlin.
		await schedule(page, 'Database upgrade', '2027-10-31T01:30', '2027-10-31T03:30');
		await page.getByLabel('Runner').check();
		let r = await submit(page, 'Schedule');
		const id = (path(page).match(/^\/manage\/maintenance\/(\d+)$/) || [])[1];
		out(r && r.status() === 200 && id !== undefined, `${tag}: schedules maintenance`, [page.url()]);
		out(await page.inputValue('#m-starts') === '2027-10-31T01:30' &&
			await page.inputValue('#m-ends') === '2027-10-31T03:30',
			`${tag}: its screen shows the times as typed, in the page's zone`,
			[await page.inputValue('#m-starts'), await page.inputValue('#m-ends')]);
		screens.push(['maintenance', '/manage/maintenance'], ['maintenance-new', '/manage/maintenance/new'],
			['maintenance-one', `/manage/maintenance/${id}`],
			['maintenance-cancel', `/manage/maintenance/${id}/cancel`]);

		const home = await (await context.request.get(url('/'))).text();
		out(home.includes('Oct 31, 2027 01:30 UTC+02:00') && home.includes('Oct 31, 2027 03:30 UTC+01:00'),
			`${tag}: the public page shows 01:30 summer time to 03:30 winter time`,
			[(home.match(/Oct 31, 2027[^<]*/g) || []).join(' / ')]);
		const upcoming = await (await context.request.get(url('/api/v2/scheduled-maintenances/upcoming.json'))).json();
		const m = upcoming.scheduled_maintenances.find((x) => x.id === id);
		out(m && new Date(m.scheduled_for).toISOString() === '2027-10-30T23:30:00.000Z' &&
			new Date(m.scheduled_until).toISOString() === '2027-10-31T02:30:00.000Z',
			`${tag}: the JSON holds the UTC instants, three hours apart`,
			[m ? `${m.scheduled_for} ${m.scheduled_until}` : 'not in upcoming.json']);

		// A time the clocks show twice: asked, then chosen.
		await schedule(page, 'Twice', '2027-10-31T02:30', '2027-10-31T04:00');
		r = await submit(page, 'Schedule');
		const alert = await page.getByRole('alert').textContent();
		out(r && r.status() === 422 && /happens twice/.test(alert),
			`${tag}: a start the clocks show twice is asked about`, [alert]);
		writeFileSync(join(artifacts, 'maintenance-twice.html'), await page.content());
		await page.getByLabel(/The second/).check();
		r = await submit(page, 'Schedule');
		const shown = await page.locator('h1 + p time').first().textContent();
		out(/^\/manage\/maintenance\/\d+$/.test(path(page)) && shown === 'Oct 31, 2027 02:30 UTC+01:00',
			`${tag}: the second 02:30 chosen, it is shown as 02:30 UTC+01:00`, [page.url(), shown]);

		// A time the clocks skip: refused, the field marked.
		await schedule(page, 'Gap', '2027-03-28T02:30', '2027-03-28T04:00');
		r = await submit(page, 'Schedule');
		const gap = await page.getByRole('alert').textContent();
		out(r && r.status() === 422 && /does not exist/.test(gap) &&
			await page.getAttribute('#m-starts', 'aria-invalid') === 'true' &&
			await page.inputValue('#m-name') === 'Gap',
			`${tag}: a start the clocks skip is refused, the field marked, the input kept`, [gap]);
		writeFileSync(join(artifacts, 'maintenance-gap.html'), await page.content());

		// Components: create one, move it up, delete it after confirming.
		await page.goto(url('/manage/components/new'));
		await page.fill('#t-name', 'Browser queue');
		await page.fill('#t-description', 'Made in chromium');
		await submit(page, 'Create');
		let names = await rows(page);
		out(path(page) === '/manage/components' && names[names.length - 1] === 'Browser queue',
			`${tag}: creates a component, last on the page`, [names.join(', ')]);
		cid = (await page.getByRole('link', { name: 'Browser queue' }).getAttribute('href')).split('/').pop();
		const up = page.locator(`form[action$="/manage/components/${cid}/move"] button[value="up"]`);
		const label = await up.evaluate((b) => b.textContent).catch((e) => String(e));
		await Promise.all([page.waitForNavigation(), up.click()]);
		await settle(page);
		names = await rows(page);
		out(label === 'Up: move Browser queue up' && names[names.length - 2] === 'Browser queue',
			`${tag}: moves it one place up with a button that says what it moves`,
			[label, names.join(', ')]);
		screens.push(['components', '/manage/components'], ['components-new', '/manage/components/new'],
			['components-one', `/manage/components/${cid}`],
			['components-delete', `/manage/components/${cid}/delete`]);
		await page.goto(url('/manage/groups/new'));
		await page.fill('#t-name', 'Browser group');
		await submit(page, 'Create');
		await page.getByRole('link', { name: 'Browser group' }).click();
		await settle(page);
		const gid = path(page).split('/').pop();
		screens.push(['groups-new', '/manage/groups/new'], ['groups-one', `/manage/groups/${gid}`],
			['groups-delete', `/manage/groups/${gid}/delete`]);
		// As served, through the page: context.request leaves the session's
		// Secure cookie off on http://127.0.0.1, where the browser sends it.
		for (const [name, p] of screens) {
			const served = await page.goto(url(p));
			const h1 = await page.textContent('h1');
			if (served.status() !== 200 || /Sign in/.test(h1))
				out(false, `${tag}: ${p} answers 200 signed in`, [served.status(), h1]);
			writeFileSync(join(artifacts, `maintenance-${name}.html`), await served.text());
		}

	} catch (e) {
		problems.push(`error: ${e.message || e}`);
	} finally {
		await context.close();
	}
	out(problems.length === 0, `${tag}: no console errors, failed or >= 400 subresources`, problems);

	// Every screen, light and dark: axe, and no sideways scrolling.
	for (const scheme of ['light', 'dark']) {
		const seen = [];
		const { context: c2, page: p2 } = await open(browser, scheme, seen);
		await c2.addCookies(cookies);
		for (const [name, at] of screens) {
			const label = `${name} (${scheme}, ${PHONE_WIDTH} px)`;
			try {
				const problemsAxe = await axeProblems(browser, url(at), scheme, cookies);
				out(problemsAxe.length === 0, `axe: ${label}: no serious or critical violations`, problemsAxe);
				await p2.goto(url(at));
				await settle(p2);
				const shot = await p2.screenshot({ path: join(artifacts, `maintenance-${name}-${scheme}.png`), fullPage: true });
				const width = shot.readUInt32BE(16);
				out(width <= PHONE_WIDTH, `${label}: no horizontal scrolling`, [`screenshot width = ${width}`]);
			} catch (e) {
				out(false, `${label}: checked`, [String(e.message || e)]);
			}
		}
		await c2.close();
		out(seen.length === 0, `screens (${scheme}): no console errors, failed or >= 400 subresources`, seen);
	}

	// Last, the component goes, after the confirmation.
	{
		const gone = [];
		const { context: c3, page } = await open(browser, 'light', gone);
		const tag = `components (light, ${PHONE_WIDTH} px, without JavaScript)`;
		await c3.addCookies(cookies);
		try {
			await page.goto(url(`/manage/components/${cid}`));
			await page.getByRole('link', { name: 'Delete this component' }).click();
			await settle(page);
			const ask = await page.textContent('h1');
			await submit(page, 'Delete it');
			const names = await rows(page);
			out(/Browser queue/.test(ask) && path(page) === '/manage/components' &&
				!names.includes('Browser queue'),
				`${tag}: deletes a component after a confirmation`, [ask, names.join(', ')]);
		} catch (e) {
			gone.push(`error: ${e.message || e}`);
		} finally {
			await c3.close();
		}
		out(gone.length === 0, `${tag}: no console errors, failed or >= 400 subresources`, gone);
	}
} catch (e) {
	out(false, 'chromium runs the maintenance checks', [String(e && e.stack || e)]);
} finally {
	if (browser) await browser.close().catch(() => {});
}

process.exit(0);
