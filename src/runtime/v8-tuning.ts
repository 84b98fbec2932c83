/**
 * V8 settings for a pingcha process (the server and the CLI). Applied at run time, before
 * any work: no launch flags, so `npm start`, `node bin/pingcha.js serve` and a service unit
 * all run with them.
 *
 * `--no-allocation-site-pretenuring`. V8 watches how many objects from each allocation site
 * survive young-generation collections and, past a threshold, allocates that site's objects
 * directly in the old generation ("pretenuring"). Reading an xlsx with exceljs's streaming
 * reader trips this: while sharedStrings.xml is read almost everything survives (the strings
 * are kept), so sites in the XML parser and the cell model get pretenured, and for the rest
 * of the file their short-lived objects — and what they point to — land in the old
 * generation. Measured on a 100,000-row register (`--trace-gc-nvp`): scavenges promoted
 * 200–210 MB instead of 40–45 MB, in about half of the runs (whether the threshold is
 * crossed depends on timing), and the import peaked at ~400 MiB RSS instead of ~225 MiB and
 * took ~25% longer. The same reader in a bare script does the same, so it is V8's heuristic,
 * not pingcha's code. The flag is read at each collection, so setting it at run time takes
 * effect; it is process-wide (worker threads too). See docs/performance.md.
 */
import v8 from 'node:v8';

export const RUNTIME_V8_FLAGS: readonly string[] = ['--no-allocation-site-pretenuring'];

let applied = false;

/** Sets RUNTIME_V8_FLAGS once per process. */
export function applyRuntimeV8Flags(): void {
  if (applied) return;
  applied = true;
  for (const flag of RUNTIME_V8_FLAGS) v8.setFlagsFromString(flag);
}
