// axe.mjs: axe-core's accessibility rules on a page as served.  axe is a
// script, so it runs in a context of its own with JavaScript on (the
// pages themselves need none), at the width and colour scheme asked for,
// with the cookies given (a console session).
//
// Shared by every browser check: check.mjs (public pages), manage.mjs
// and the console areas' own checks.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PHONE_WIDTH, TIMEOUT_MS } from './chromium.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The serious and critical violations on the page as it stands (a POST's
// answer cannot be fetched again by URL), as "rule (impact): targets:
// help" lines; [] if none.  Its context needs bypassCSP: true.
export async function axeHere(page) {
	await page.addScriptTag({ content: AXE });
	const violations = await page.evaluate(async () => {
		// eslint-disable-next-line no-undef
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({
			id: v.id, impact: v.impact, help: v.help,
			targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
		}));
	});
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}: ${v.help}`);
}

// The serious and critical violations on url, as axeHere() says them,
// loaded in a context of its own.  colorScheme: 'light' or 'dark'.
export async function axeProblems(browser, url, colorScheme, cookies = []) {
	const context = await browser.newContext({
		viewport: { width: PHONE_WIDTH, height: 740 },
		colorScheme,
		// Our CSP rightly forbids inline scripts; axe is the test's, not the page's.
		bypassCSP: true,
	});
	context.setDefaultTimeout(TIMEOUT_MS);
	try {
		if (cookies.length > 0) await context.addCookies(cookies);
		const page = await context.newPage();
		await page.goto(url);
		return await axeHere(page);
	} finally {
		await context.close();
	}
}
