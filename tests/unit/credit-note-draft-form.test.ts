// The draft details form offers a due date on an invoice and none on a credit note, which asks
// for no payment (issue 12, item 4). Rendered on the server as Next.js renders it first.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DraftDetailsForm } from '../../components/invoices/draft-forms';
import { I18nProvider } from '../../components/i18n/provider';
import type { InvoiceDetail } from '../../lib/invoices/queries';

const draft = (kind: InvoiceDetail['kind']) =>
  ({
    id: '00000000-0000-4000-8000-000000000001',
    kind,
    status: 'draft',
    paymentTermsDays: 30,
    issueDate: null,
    dueDate: '2030-01-31',
    supplyDate: null,
    periodStart: null,
    periodEnd: null,
    vatTreatment: 'domestic',
    buyerReference: null,
    sellerReference: null,
    roundToKrona: false,
    message: null,
    lines: [],
  }) as unknown as InvoiceDetail;

const render = (kind: InvoiceDetail['kind']) =>
  renderToStaticMarkup(createElement(I18nProvider, { locale: 'sv', children: createElement(DraftDetailsForm, { invoice: draft(kind) }) }));

describe('draft details form', () => {
  it('asks for a due date on an invoice', () => {
    const html = render('invoice');
    expect(html).toContain('name="dueDate"');
    expect(html).toContain('Förfallodag');
  });

  it('has no due-date field on a credit note', () => {
    const html = render('credit_note');
    expect(html).not.toContain('name="dueDate"');
    expect(html).not.toContain('Förfallodag');
    expect(html).toContain('name="supplyDate"');
  });
});
