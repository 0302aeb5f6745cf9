// Prints the suite's closing line in the plain "N passed, N failed" form CI reads.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(new URL('../.data/test/results.json', import.meta.url), 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
process.exit(report.numFailedTests > 0 || report.numTotalTests === 0 ? 1 : 0);
