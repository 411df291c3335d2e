// incidents.mjs: the console's incident screens in Debian's chromium, as
// an on-call person on a phone uses them.  Without JavaScript at 360 px:
// signs in, writes a template, opens an incident that takes a component
// down (and sees it on / and in summary.json within a second), posts an
// update, resolves it, publishes the postmortem and sees it on the
// incident's public page.  Then, light and dark at 360 px, runs axe on
// every incident screen (no serious or critical violation) and keeps each
// screen's HTML as served, for the Nu HTML Checker (t/browser-incidents.t).
//
//   node incidents.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD
//
// Prints one line per check, as check.mjs does:
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail
// and writes ARTIFACT_DIR/incidents-<screen>.html and -<scheme>.png.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED_HOST, PHONE_WIDTH, TIMEOUT_MS, launch, out } from './chromium.mjs';
import { axeHere } from './axe.mjs';

const [base, artifacts, email, password] = process.argv.slice(2);
if (!base || !artifacts || !email || !password) {
	console.error('usage: node incidents.mjs BASE_URL ARTIFACT_DIR EMAIL PASSWORD');
	process.exit(2);
}
mkdirSync(artifacts, { recursive: true });
const url = (path) => new URL(path, base).href;

// A context fenced in to the test's servers, recording what goes wrong.
async function open(browser, options, problems) {
	const context = await browser.newContext({
		viewport: { width: PHONE_WIDTH, height: 740 }, ...options,
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
		if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4/.test(m.text()))
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

// Clicks a button and waits for the page it leads to; returns its response.
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

// The component row of the form whose name is name.
const row = (page, name) => page.locator('.component-pick', { hasText: name });

async function noScroll(page, file, what) {
	const shot = await page.screenshot({ path: join(artifacts, file), fullPage: true });
	const width = shot.readUInt32BE(16);
	out(width <= PHONE_WIDTH, `${what}: no horizontal scrolling at ${PHONE_WIDTH} px`,
		[`full-page screenshot width = ${width}`]);
}

let browser;
let storage;
let incidentId;
try {
	browser = await launch();

	// The flow, without JavaScript.
	{
		const problems = [];
		const { context, page } = await open(browser, { javaScriptEnabled: false, colorScheme: 'light' }, problems);
		const tag = `incidents (light, ${PHONE_WIDTH} px, without JavaScript)`;
		try {
			const signed = await signIn(page);
			out(signed && signed.status() === 200 && new URL(page.url()).pathname === '/manage/',
				`${tag}: signs in`, [page.url()]);

			await page.goto(url('/manage/templates'));
			await page.fill('#name', 'Runner trouble');
			await page.fill('#title', '{components} unavailable');
			await page.fill('#body', 'We are looking into trouble with {components} on {page}.');
			await submit(page, 'Save template');
			out(new URL(page.url()).pathname === '/manage/templates' &&
				(await page.getByRole('link', { name: 'Runner trouble' }).count()) === 1,
				`${tag}: writes a template`, [page.url()]);

			await page.goto(url('/manage/incidents/new'));
			await page.selectOption('#template', { label: 'Runner trouble' });
			await submit(page, 'Fill in');
			out(await page.inputValue('#name') === '{components} unavailable',
				`${tag}: the template fills the form`, [await page.inputValue('#name')]);
			await page.selectOption('#status', 'identified');
			await row(page, 'Runner').locator('input[type="checkbox"]').check();
			await row(page, 'Runner').locator('select').selectOption('major_outage');
			await submit(page, 'Preview');
			const preview = await page.textContent('.preview');
			out(/Runner unavailable/.test(preview) && /trouble with Runner on /.test(preview),
				`${tag}: the preview shows the text with its names`, [preview]);

			// The clock starts when the answer is in, before the page settles.
			const [opened] = await Promise.all([
				page.waitForNavigation(),
				page.getByRole('button', { name: 'Open incident', exact: true }).click(),
			]);
			const sent = Date.now();
			const m = new URL(page.url()).pathname.match(/^\/manage\/incidents\/(\d+)$/);
			incidentId = m && m[1];
			out(opened && opened.status() === 200 && incidentId &&
				(await page.textContent('h1')) === 'Runner unavailable',
				`${tag}: opening it leads to its console page`, [page.url()]);
			// Seen on / and in summary.json within a second of the answer.
			let seenPage = false, seenJson = false;
			while (Date.now() - sent < 1000 && !(seenPage && seenJson)) {
				if (!seenPage) {
					const r = await context.request.get(url('/'));
					const html = await r.text();
					seenPage = html.includes('Runner unavailable');
				}
				if (!seenJson) {
					const r = await context.request.get(url('/api/v2/summary.json'));
					const j = await r.json();
					seenJson = j.incidents.some((i) => i.id === incidentId) &&
						j.components.some((c) => c.name === 'Runner' && c.status === 'major_outage');
				}
			}
			out(seenPage && seenJson, `${tag}: / and summary.json show it within a second`,
				[`/: ${seenPage}, summary.json: ${seenJson}, after ${Date.now() - sent} ms`]);
			await settle(page);
			await noScroll(page, 'incidents-incident-light.png', `${tag}: the incident's page`);

			await page.selectOption('#status', 'monitoring');
			await page.fill('#message', 'A fix is rolling out.');
			await row(page, 'Runner').locator('select').selectOption('degraded_performance');
			await submit(page, 'Post update');
			out((await page.textContent('.updates')).includes('A fix is rolling out.'),
				`${tag}: posts an update`, [page.url()]);

			await submit(page, 'Resolve incident');
			out((await page.textContent('.meta')).includes('Resolved'), `${tag}: resolves it in one step`,
				[await page.textContent('.meta')]);

			await page.fill('#postmortem', 'A deploy broke the runners; we now canary them.');
			await submit(page, 'Save draft');
			await submit(page, 'Publish postmortem');
			await page.goto(url(`/incidents/${incidentId}`));
			out((await page.textContent('main')).includes('we now canary them'),
				`${tag}: the postmortem is on the incident's public page`, [page.url()]);
			storage = await context.storageState();
		} catch (e) {
			problems.push(`error: ${e.message || e}`);
		} finally {
			await context.close();
		}
		out(problems.length === 0, `${tag}: no console errors, failed or >= 400 subresources`, problems);
	}

	// Every screen, light and dark, through axe; the HTML kept for vnu.
	for (const scheme of ['light', 'dark']) {
		const problems = [];
		// axe comes in as a script of the test's: past the page's CSP, which rightly refuses it.
		const { context, page } = await open(browser, { colorScheme: scheme, storageState: storage, bypassCSP: true }, problems);
		const tag = `incidents (${scheme}, ${PHONE_WIDTH} px)`;
		const check = async (name, response) => {
			await settle(page);
			if (scheme === 'light' && response)
				writeFileSync(join(artifacts, `incidents-${name}.html`), await response.text());
			const bad = await axeHere(page);
			out(bad.length === 0, `${tag}: ${name}: axe finds no serious or critical violation`, bad);
			await noScroll(page, `incidents-${name}-${scheme}.png`, `${tag}: ${name}`);
		};
		try {
			await check('list', await page.goto(url('/manage/incidents')));
			await check('new', await page.goto(url('/manage/incidents/new')));
			await page.selectOption('#template', { label: 'Runner trouble' });
			await check('new-template', await submit(page, 'Fill in'));
			await row(page, 'Storage').locator('input[type="checkbox"]').check();
			await check('preview', await submit(page, 'Preview'));
			await page.fill('#name', '');
			await check('refused', await submit(page, 'Open incident'));
			await page.fill('#name', `Storage slow (${scheme})`);
			await row(page, 'Storage').locator('select').selectOption('degraded_performance');
			await check('incident', await submit(page, 'Open incident'));
			const id = new URL(page.url()).pathname.split('/').pop();
			await check('resolved', await page.goto(url(`/manage/incidents/${incidentId}`)));
			await check('delete', await page.goto(url(`/manage/incidents/${id}/delete`)));
			await submit(page, 'Delete incident');
			out(new URL(page.url()).pathname === '/manage/incidents', `${tag}: deletes after confirming`, [page.url()]);
			await check('templates', await page.goto(url('/manage/templates')));
			await page.getByRole('link', { name: 'Runner trouble' }).click();
			await check('template', await page.reload());
		} catch (e) {
			problems.push(`error: ${e.message || e}`);
		} finally {
			await context.close();
		}
		out(problems.length === 0, `${tag}: no console errors, failed or >= 400 subresources`, problems);
	}
} catch (e) {
	out(false, 'chromium runs the incident checks', [String(e && e.stack || e)]);
} finally {
	if (browser) await browser.close().catch(() => {});
}
process.exit(0);
