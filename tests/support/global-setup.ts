// Runs once before the suite: builds a migrated template database on PGlite and on a real
// PostgreSQL 15, so each test file starts from a fresh copy in well under a second.
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { preparePg15Template, stopPg15 } from './pg15';
import { preparePgliteTemplate } from './pglite';

export default async function setup(project: TestProject) {
  const [pg15, pgliteTemplate] = await Promise.all([preparePg15Template(), preparePgliteTemplate()]);
  project.provide('pg15AdminUrl', pg15.adminUrl);
  project.provide('pg15Template', pg15.template);
  project.provide('pgliteTemplate', pgliteTemplate);
  return async () => {
    await stopPg15();
    rmSync(pgliteTemplate, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pg15AdminUrl: string;
    pg15Template: string;
    pgliteTemplate: string;
  }
}
