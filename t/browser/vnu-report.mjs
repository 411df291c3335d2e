// vnu-report.mjs: turns the Nu HTML Checker's JSON (vnu.jar --format json)
// into one check per checked file, in the line format check.mjs prints:
//   ok<TAB>description / not ok<TAB>description / #<TAB>detail
//
//   node vnu-report.mjs VNU_JSON FILE LABEL [FILE LABEL]...
//
// A file passes with no message of type "error" or "non-document-error"
// (vnu's word for a file it could not read); warnings are shown as details
// but do not fail.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [jsonFile, ...args] = process.argv.slice(2);
let messages = [];
let broken = null;
try {
	messages = JSON.parse(readFileSync(jsonFile, 'utf8')).messages || [];
} catch (e) {
	broken = String(e.message || e);
}

for (let i = 0; i + 1 < args.length; i += 2) {
	const file = resolve(args[i]);
	const label = args[i + 1];
	// vnu names a file "file:/path" (one slash); compare paths, not URLs.
	const mine = messages.filter((m) => m.url &&
		decodeURIComponent(new URL(m.url).pathname) === new URL(pathToFileURL(file)).pathname);
	const errors = mine.filter((m) => m.type === 'error' || m.type === 'non-document-error');
	const warnings = mine.filter((m) => m.type === 'info' && m.subType === 'warning');
	const line = (m) => `line ${m.lastLine ?? '?'}: ${m.message}` +
		(m.extract ? ` [${m.extract.replace(/\s+/g, ' ')}]` : '');
	// vnu says nothing at all about a file it cannot find.
	const missing = !existsSync(file);
	const ok = !broken && !missing && errors.length === 0;
	console.log(`${ok ? 'ok' : 'not ok'}\t${label}: the Nu HTML Checker finds 0 errors`);
	if (broken) console.log(`#\tno vnu report: ${broken}`);
	if (missing) console.log(`#\tno such file: ${file}`);
	for (const m of errors) console.log(`#\terror ${line(m)}`);
	for (const m of warnings) console.log(`#\twarning ${line(m)}`);
}

// Errors vnu could not tie to a file (it could not run as asked, say).
const loose = messages.filter((m) => !m.url &&
	(m.type === 'error' || m.type === 'non-document-error'));
if (loose.length > 0) {
	console.log('not ok\tthe Nu HTML Checker ran without errors of its own');
	for (const m of loose) console.log(`#\t${m.message}`);
}
