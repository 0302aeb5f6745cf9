// A child process that serves the embedded database from a data folder until it is killed;
// prints its admin URL as one JSON line. Used to test crash durability with a real kill -9.
import { startEmbeddedDatabase } from '../../embedded/database';

const database = await startEmbeddedDatabase({ dataDir: process.argv[2], port: 0 });
console.log(JSON.stringify({ adminUrl: database.adminUrl }));
setInterval(() => {}, 1 << 30);
