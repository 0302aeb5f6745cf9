// Maps what the database refuses with (constraint names from supabase/migrations, and the
// stable codes the triggers and invoicing functions raise) to message keys, so the app can show
// a clear message. Keys only: the texts live in the i18n catalogues.

/** Check, foreign-key and unique constraints, and the named checks triggers raise. */
export const CONSTRAINT_MESSAGES = {
  // workspaces and business profile
  workspaces_name_length: 'errors.nameTooLong',
  workspace_members_role_valid: 'errors.memberRoleInvalid',
  business_profiles_legal_name_length: 'errors.nameTooLong',
  business_profiles_org_number_valid: 'errors.orgNumberInvalid',
  business_profiles_vat_number_valid: 'errors.vatNumberInvalid',
  business_profiles_country_valid: 'errors.countryInvalid',
  business_profiles_email_valid: 'errors.emailInvalid',
  business_profiles_bankgiro_valid: 'errors.bankgiroInvalid',
  business_profiles_plusgiro_valid: 'errors.plusgiroInvalid',
  business_profiles_iban_valid: 'errors.ibanInvalid',
  business_profiles_bic_valid: 'errors.bicInvalid',
  business_profiles_invoice_footer_length: 'errors.invoiceFooterTooLong',
  business_profiles_payment_terms_range: 'errors.paymentTermsRange',
  business_profiles_hourly_rate_nonnegative: 'errors.hourlyRateNegative',
  business_profiles_fiscal_year_start_month_range: 'errors.fiscalYearStartMonthRange',
  // mind-map
  nodes_kind_valid: 'errors.nodeKindInvalid',
  nodes_title_length: 'errors.titleTooLong',
  nodes_body_length: 'errors.bodyTooLong',
  nodes_colour_valid: 'errors.colourInvalid',
  nodes_parent_same_workspace: 'errors.parentInOtherWorkspace',
  nodes_parent_not_self: 'errors.parentIsSelf',
  nodes_kind_immutable: 'errors.nodeKindImmutable',
  nodes_workspace_id_id_unique: 'errors.duplicate',
  // client details
  client_details_name_length: 'errors.clientNameLength',
  client_details_org_number_valid: 'errors.orgNumberInvalid',
  client_details_vat_number_valid: 'errors.vatNumberInvalid',
  client_details_country_valid: 'errors.countryInvalid',
  client_details_email_valid: 'errors.emailInvalid',
  client_details_payment_terms_range: 'errors.paymentTermsRange',
  client_details_hourly_rate_nonnegative: 'errors.hourlyRateNegative',
  client_details_reverse_charge_needs_vat: 'errors.reverseChargeNeedsVatNumber',
  client_details_node_same_workspace: 'errors.nodeInOtherWorkspace',
  client_details_node_is_client: 'errors.clientDetailsNeedClientNode',
  // time entries
  time_entries_minutes_positive: 'errors.minutesPositive',
  time_entries_minutes_max: 'errors.minutesMax',
  time_entries_hourly_rate_nonnegative: 'errors.hourlyRateNegative',
  time_entries_description_length: 'errors.descriptionTooLong',
  time_entries_billed_only_if_billable: 'errors.billedMustBeBillable',
  time_entries_node_same_workspace: 'errors.nodeInOtherWorkspace',
  time_entries_invoice_line_same_workspace: 'errors.invoiceLineInOtherWorkspace',
  time_entries_node_not_note: 'errors.timeEntryOnNote',
  time_entries_billed_locked: 'errors.timeEntryBilledLocked',
  // invoices
  invoices_kind_valid: 'errors.invoiceKindInvalid',
  invoices_status_valid: 'errors.invoiceStatusInvalid',
  invoices_message_length: 'errors.invoiceMessageTooLong',
  invoices_pdf_sha256_format: 'errors.pdfSha256Invalid',
  invoices_workspace_id_id_unique: 'errors.duplicate',
  invoices_number_unique: 'errors.invoiceNumberTaken',
  invoices_client_same_workspace: 'errors.clientInOtherWorkspace',
  invoices_credits_same_workspace: 'errors.invoiceInOtherWorkspace',
  invoices_credit_note_reference: 'errors.creditNoteNeedsInvoice',
  invoices_number_when_sent: 'errors.invoiceNumberOnlyWhenSent',
  invoices_sent_complete: 'errors.invoiceIncomplete',
  invoices_ocr_luhn: 'errors.ocrInvalid',
  invoices_pdf_recorded_together: 'errors.pdfRecordIncomplete',
  invoices_pdf_only_when_sent: 'errors.invoiceNotSent',
  invoices_paid_on_when_paid: 'errors.paidOnRequired',
  invoices_period_order: 'errors.periodOrder',
  invoices_due_after_issue: 'errors.dueBeforeIssue',
  invoices_total_sum: 'errors.invoiceTotalsInconsistent',
  invoices_credit_note_not_credited: 'errors.creditNoteNotCreditable',
  invoices_client_is_client: 'errors.invoiceNeedsClientNode',
  invoices_fields_managed: 'errors.invoiceFieldsManaged',
  invoices_immutable: 'errors.invoiceImmutable',
  invoice_lines_description_length: 'errors.lineDescriptionLength',
  invoice_lines_quantity_nonzero: 'errors.quantityNonzero',
  invoice_lines_unit_length: 'errors.unitLength',
  invoice_lines_unit_price_nonnegative: 'errors.unitPriceNegative',
  invoice_lines_vat_rate_valid: 'errors.vatRateInvalid',
  invoice_lines_workspace_id_id_unique: 'errors.duplicate',
  invoice_lines_invoice_same_workspace: 'errors.invoiceInOtherWorkspace',
  invoice_lines_credits_same_workspace: 'errors.invoiceInOtherWorkspace',
  invoice_lines_immutable: 'errors.invoiceImmutable',
  invoice_events_event_valid: 'errors.invoiceEventInvalid',
  invoice_events_invoice_same_workspace: 'errors.invoiceInOtherWorkspace',
  number_series_series_valid: 'errors.seriesInvalid',
  number_series_next_number_positive: 'errors.seriesInvalid',
  number_series_increment_only: 'errors.seriesIncrementOnly',
  // audit log
  audit_log_action_valid: 'errors.auditLogAppendOnly',
  audit_log_workspace_seq_unique: 'errors.auditLogAppendOnly',
} as const;

/** Stable codes raised as the error message by triggers and the invoicing functions. */
export const RAISED_MESSAGES = {
  audit_log_append_only: 'errors.auditLogAppendOnly',
  invoice_archive_insert_only: 'errors.invoiceArchiveInsertOnly',
  invoice_immutable: 'errors.invoiceImmutable',
  invoice_fields_managed: 'errors.invoiceFieldsManaged',
  invoice_lines_immutable: 'errors.invoiceImmutable',
  invoice_not_found: 'errors.invoiceNotFound',
  invoice_not_draft: 'errors.invoiceNotDraft',
  invoice_not_sent: 'errors.invoiceNotSent',
  invoice_not_creditable: 'errors.invoiceNotCreditable',
  invoice_already_credited: 'errors.invoiceAlreadyCredited',
  invoice_paid_on_required: 'errors.paidOnRequired',
  invoice_pdf_already_recorded: 'errors.pdfAlreadyRecorded',
  invoice_pdf_path_invalid: 'errors.pdfPathInvalid',
  credit_note_line_not_on_invoice: 'errors.creditNoteLineNotOnInvoice',
  not_workspace_owner: 'errors.notWorkspaceOwner',
} as const;

/** send_invoice() raises `invoice_incomplete:<field>` (hint = field, detail = all fields, comma-separated). */
export const INCOMPLETE_INVOICE_MESSAGES = {
  seller_legal_name: 'errors.invoiceIncomplete.sellerLegalName',
  seller_org_number: 'errors.invoiceIncomplete.sellerOrgNumber',
  seller_vat_number: 'errors.invoiceIncomplete.sellerVatNumber',
  seller_address: 'errors.invoiceIncomplete.sellerAddress',
  seller_payment_details: 'errors.invoiceIncomplete.sellerPaymentDetails',
  buyer_details: 'errors.invoiceIncomplete.buyerDetails',
  buyer_address: 'errors.invoiceIncomplete.buyerAddress',
  buyer_vat_number: 'errors.invoiceIncomplete.buyerVatNumber',
  lines: 'errors.invoiceIncomplete.lines',
  reverse_charge_zero_vat: 'errors.invoiceIncomplete.reverseChargeZeroVat',
  positive_quantities: 'errors.invoiceIncomplete.positiveQuantities',
  negative_quantities: 'errors.invoiceIncomplete.negativeQuantities',
  due_date: 'errors.invoiceIncomplete.dueDate',
} as const;

/** Fallbacks by SQLSTATE when no name matches. */
export const SQLSTATE_MESSAGES = {
  '42501': 'errors.forbidden',
  '23505': 'errors.duplicate',
  '23503': 'errors.referenceInvalid',
  '23502': 'errors.requiredMissing',
  '23514': 'errors.invalidValue',
  '22P02': 'errors.invalidValue',
  '55000': 'errors.notAllowedNow',
} as const;

export type MessageKey =
  | (typeof CONSTRAINT_MESSAGES)[keyof typeof CONSTRAINT_MESSAGES]
  | (typeof RAISED_MESSAGES)[keyof typeof RAISED_MESSAGES]
  | (typeof INCOMPLETE_INVOICE_MESSAGES)[keyof typeof INCOMPLETE_INVOICE_MESSAGES]
  | (typeof SQLSTATE_MESSAGES)[keyof typeof SQLSTATE_MESSAGES]
  | 'errors.unexpected';

/** Every key this module can return, for the i18n catalogue check. */
export const MESSAGE_KEYS: readonly MessageKey[] = [
  ...new Set<MessageKey>([
    ...Object.values(CONSTRAINT_MESSAGES),
    ...Object.values(RAISED_MESSAGES),
    ...Object.values(INCOMPLETE_INVOICE_MESSAGES),
    ...Object.values(SQLSTATE_MESSAGES),
    'errors.unexpected',
  ]),
].sort();

export interface DatabaseErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The message key for a database error (node-postgres DatabaseError or similar). */
export function messageKeyFor(error: DatabaseErrorLike): MessageKey {
  const message = error.message ?? '';
  if (message.startsWith('invoice_incomplete:')) {
    const field = message.slice('invoice_incomplete:'.length) as keyof typeof INCOMPLETE_INVOICE_MESSAGES;
    return INCOMPLETE_INVOICE_MESSAGES[field] ?? 'errors.invoiceIncomplete';
  }
  if (error.constraint && error.constraint in CONSTRAINT_MESSAGES) {
    return CONSTRAINT_MESSAGES[error.constraint as keyof typeof CONSTRAINT_MESSAGES];
  }
  if (message in RAISED_MESSAGES) return RAISED_MESSAGES[message as keyof typeof RAISED_MESSAGES];
  if (error.code && error.code in SQLSTATE_MESSAGES) return SQLSTATE_MESSAGES[error.code as keyof typeof SQLSTATE_MESSAGES];
  return 'errors.unexpected';
}
