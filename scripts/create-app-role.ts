// `npm run db:create-app-role`: creates (or updates) the login role the Next.js server connects
// as, on ADMIN_DATABASE_URL: NOINHERIT, member of anon and authenticated, anon by default.
import pg from 'pg';
import { appServerRoleSql } from '../embedded/platform/bootstrap';

const url = process.env.ADMIN_DATABASE_URL;
const password = process.env.APP_DB_PASSWORD;
if (!url || !password || password.length < 16) {
  console.error("Set ADMIN_DATABASE_URL (the project's postgres connection string) and APP_DB_PASSWORD (16+ characters).");
  process.exit(1);
}
const client = new pg.Client(url);
await client.connect();
try {
  await client.query(appServerRoleSql(process.env.APP_DB_ROLE ?? 'app_server', password));
  console.log('The app server role is ready. Use it in DATABASE_URL.');
} finally {
  await client.end();
}
