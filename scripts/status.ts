// `npm run status` prints the running stand-in's URLs and keys; `npm run status -- --env` prints
// them as environment lines.
import { describeStatus, envLines, readStatus } from '../embedded/local';

const status = readStatus();
if (!status) {
  console.error('The embedded stand-in is not running. Start it with `npm run dev`.');
  process.exit(1);
}
console.log(process.argv.includes('--env') ? envLines(status).join('\n') : describeStatus(status));
