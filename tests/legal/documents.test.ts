import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGAL_SLUGS, loadLegalDocument } from '../../lib/legal/documents';
import { operatorFromEnv, type Operator } from '../../lib/legal/operator';
import { RECOVERY_TOKEN_HOURS } from '../../embedded/auth';
import { repoRoot } from '../support/paths';

const operator: Operator = {
  name: 'Exempeloperatören AB',
  email: 'dataskydd@exempel.test',
  orgNumber: '556677-8899',
  hostingRegion: 'EU (Frankfurt)',
};
const legalDir = path.join(repoRoot, 'legal');

describe('legal pages', () => {
  it('render every page in both languages with a last-updated date and no placeholder left', () => {
    for (const slug of LEGAL_SLUGS) {
      for (const locale of ['sv', 'en'] as const) {
        const doc = loadLegalDocument(slug, locale, operator, legalDir);
        expect(doc.title.length).toBeGreaterThan(0);
        expect(doc.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(doc.html).not.toMatch(/\{\{|\}\}/);
        expect(doc.html).toContain('<h1');
      }
    }
  });

  it('name the operator from configuration, not from the files', () => {
    const privacy = loadLegalDocument('privacy', 'sv', operator, legalDir);
    expect(privacy.html).toContain('Exempeloperatören AB');
    expect(privacy.html).toContain('556677-8899');
    expect(privacy.html).toContain('dataskydd@exempel.test');
    for (const file of readdirSync(legalDir)) {
      expect(readFileSync(path.join(legalDir, file), 'utf8')).not.toContain('Exempeloperatören');
    }
  });

  it('serve the English privacy notice in English and fall back to the canonical Swedish text', () => {
    expect(loadLegalDocument('privacy', 'en', operator, legalDir)).toMatchObject({ locale: 'en', title: 'Privacy notice' });
    // Every page has an English text now; a folder with only the Swedish one shows the fallback.
    const swedishOnly = mkdtempSync(path.join(tmpdir(), 'legal-'));
    copyFileSync(path.join(legalDir, 'terms.sv.md'), path.join(swedishOnly, 'terms.sv.md'));
    expect(loadLegalDocument('terms', 'en', operator, swedishOnly).locale).toBe('sv');
  });

  it('contain no raw HTML, so rendering them cannot inject markup', () => {
    for (const file of readdirSync(legalDir)) {
      expect(readFileSync(path.join(legalDir, file), 'utf8')).not.toMatch(/<[a-z!/]/i);
    }
  });

  it('refuse incomplete operator details in configuration and require them in production', () => {
    expect(() => operatorFromEnv({ OPERATOR_NAME: 'X AB', NODE_ENV: 'development' } as NodeJS.ProcessEnv)).toThrow(/OPERATOR_EMAIL/);
    expect(() => operatorFromEnv({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/OPERATOR_NAME/);
    expect(operatorFromEnv({ NODE_ENV: 'development' } as NodeJS.ProcessEnv).name).toMatch(/ej satt/);
  });
});

// The full promise -> code table is tests/legal/privacy-promises.test.ts.
describe('privacy promises backed by code', () => {
  const notice = readFileSync(path.join(legalDir, 'privacy.sv.md'), 'utf8');

  it('email links: valid 24 hours, as the Auth API expires them', () => {
    expect(notice).toContain(`gäller i ${RECOVERY_TOKEN_HOURS} timmar och kan bara\n  användas en gång`);
  });

});
