// Child process of bench/exports-zip-sie.ts: serves a throwaway stand-in (database, Auth and
// Storage) until killed, so the benchmark's own memory is the export's, not the database's.
import { startTestStandIn } from '../tests/support/stand-in';

const standIn = await startTestStandIn();
console.log(JSON.stringify({ apiUrl: standIn.apiUrl, anonKey: standIn.anonKey, dbUrl: standIn.dbUrl }));
const stop = async () => {
  await standIn.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
