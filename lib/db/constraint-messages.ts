// Maps what the database refuses with (constraint names from supabase/migrations, and the
// stable codes the triggers and invoicing functions raise) to message keys, so the app can show
// a clear message. Keys only: the texts live in lib/i18n/messages/features/db.ts.
import type { MessageKey } from '@/lib/i18n/catalogue';

/** Check, foreign-key and unique constraints, and the named checks triggers raise. */
export const CONSTRAINT_MESSAGES = {
  // workspaces and business profile
  workspaces_name_length: 'db.nameTooLong',
  workspace_members_role_valid: 'db.memberRoleInvalid',
  business_profiles_legal_name_length: 'db.nameTooLong',
  business_profiles_org_number_valid: 'db.orgNumberInvalid',
  business_profiles_vat_number_valid: 'db.vatNumberInvalid',
  business_profiles_country_valid: 'db.countryInvalid',
  business_profiles_email_valid: 'db.emailInvalid',
  business_profiles_bankgiro_valid: 'db.bankgiroInvalid',
  business_profiles_plusgiro_valid: 'db.plusgiroInvalid',
  business_profiles_iban_valid: 'db.ibanInvalid',
  business_profiles_bic_valid: 'db.bicInvalid',
  business_profiles_invoice_footer_length: 'db.invoiceFooterTooLong',
  business_profiles_payment_terms_range: 'db.paymentTermsRange',
  business_profiles_hourly_rate_nonnegative: 'db.hourlyRateNegative',
  business_profiles_fiscal_year_start_month_range: 'db.fiscalYearStartMonthRange',
  // mind-map
  nodes_kind_valid: 'db.nodeKindInvalid',
  nodes_title_length: 'db.titleTooLong',
  nodes_body_length: 'db.bodyTooLong',
  nodes_colour_valid: 'db.colourInvalid',
  nodes_parent_same_workspace: 'db.parentInOtherWorkspace',
  nodes_parent_not_self: 'db.parentIsSelf',
  nodes_kind_immutable: 'db.nodeKindImmutable',
  nodes_workspace_id_id_unique: 'db.duplicate',
  // client details
  client_details_name_length: 'db.clientNameLength',
  client_details_org_number_valid: 'db.orgNumberInvalid',
  client_details_vat_number_valid: 'db.vatNumberInvalid',
  client_details_country_valid: 'db.countryInvalid',
  client_details_email_valid: 'db.emailInvalid',
  client_details_payment_terms_range: 'db.paymentTermsRange',
  client_details_hourly_rate_nonnegative: 'db.hourlyRateNegative',
  client_details_reverse_charge_needs_vat: 'db.reverseChargeNeedsVatNumber',
  client_details_node_same_workspace: 'db.nodeInOtherWorkspace',
  client_details_node_is_client: 'db.clientDetailsNeedClientNode',
  // time entries
  time_entries_minutes_positive: 'db.minutesPositive',
  time_entries_minutes_max: 'db.minutesMax',
  time_entries_hourly_rate_nonnegative: 'db.hourlyRateNegative',
  time_entries_description_length: 'db.descriptionTooLong',
  time_entries_billed_only_if_billable: 'db.billedMustBeBillable',
  time_entries_node_same_workspace: 'db.nodeInOtherWorkspace',
  time_entries_invoice_line_same_workspace: 'db.invoiceLineInOtherWorkspace',
  time_entries_node_not_note: 'db.timeEntryOnNote',
  time_entries_billed_locked: 'db.timeEntryBilledLocked',
  // invoices
  invoices_kind_valid: 'db.invoiceKindInvalid',
  invoices_status_valid: 'db.invoiceStatusInvalid',
  invoices_message_length: 'db.invoiceMessageTooLong',
  invoices_pdf_sha256_format: 'db.pdfSha256Invalid',
  invoices_workspace_id_id_unique: 'db.duplicate',
  invoices_number_unique: 'db.invoiceNumberTaken',
  invoices_client_same_workspace: 'db.clientInOtherWorkspace',
  invoices_credits_same_workspace: 'db.invoiceInOtherWorkspace',
  invoices_credit_note_reference: 'db.creditNoteNeedsInvoice',
  invoices_number_when_sent: 'db.invoiceNumberOnlyWhenSent',
  invoices_sent_complete: 'db.invoiceIncomplete.any',
  invoices_ocr_luhn: 'db.ocrInvalid',
  invoices_pdf_recorded_together: 'db.pdfRecordIncomplete',
  invoices_pdf_only_when_sent: 'db.invoiceNotSent',
  invoices_paid_on_when_paid: 'db.paidOnRequired',
  invoices_period_order: 'db.periodOrder',
  invoices_due_after_issue: 'db.dueBeforeIssue',
  invoices_total_sum: 'db.invoiceTotalsInconsistent',
  invoices_credit_note_not_credited: 'db.creditNoteNotCreditable',
  invoices_client_is_client: 'db.invoiceNeedsClientNode',
  invoices_fields_managed: 'db.invoiceFieldsManaged',
  invoices_immutable: 'db.invoiceImmutable',
  invoice_lines_description_length: 'db.lineDescriptionLength',
  invoice_lines_quantity_nonzero: 'db.quantityNonzero',
  invoice_lines_unit_length: 'db.unitLength',
  invoice_lines_unit_price_nonnegative: 'db.unitPriceNegative',
  invoices_vat_treatment_valid: 'db.vatTreatmentInvalid',
  invoices_reverse_charge_matches_treatment: 'db.vatTreatmentInvalid',
  invoices_buyer_reference_length: 'db.referenceLength',
  invoices_seller_reference_length: 'db.referenceLength',
  invoices_rounding_range: 'db.roundingRange',
  invoice_lines_line_kind_valid: 'db.lineKindInvalid',
  invoice_lines_vat_exemption_reason_valid: 'db.exemptionReasonInvalid',
  invoice_lines_exemption_only_at_zero: 'db.exemptionOnlyAtZero',
  invoice_lines_vat_rate_valid: 'db.vatRateInvalid',
  invoice_lines_workspace_id_id_unique: 'db.duplicate',
  invoice_lines_invoice_same_workspace: 'db.invoiceInOtherWorkspace',
  invoice_lines_credits_same_workspace: 'db.invoiceInOtherWorkspace',
  invoice_lines_immutable: 'db.invoiceImmutable',
  invoice_events_event_valid: 'db.invoiceEventInvalid',
  invoice_events_invoice_same_workspace: 'db.invoiceInOtherWorkspace',
  number_series_series_valid: 'db.seriesInvalid',
  number_series_next_number_positive: 'db.seriesInvalid',
  number_series_increment_only: 'db.seriesIncrementOnly',
  // audit log
  audit_log_action_valid: 'db.auditLogAppendOnly',
  audit_log_workspace_seq_unique: 'db.auditLogAppendOnly',
  // running timers
  running_timers_description_length: 'db.descriptionTooLong',
  running_timers_one_per_user: 'db.timerAlreadyRunning',
  business_profiles_time_rounding_valid: 'db.timeRoundingInvalid',
  running_timers_node_same_workspace: 'db.nodeInOtherWorkspace',
  // mind-map shape
  nodes_parent_kind_valid: 'db.nodeParentKindInvalid',
  // accountant access and exports
  invitations_email_valid: 'db.emailInvalid',
  invitations_token_hash_length: 'db.invitationInvalid',
  invitations_token_hash_unique: 'db.invitationInvalid',
  invitations_single_outcome: 'db.invitationUsed',
  sie_accounts_receivable_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_25_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_12_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_6_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_0_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_reverse_charge_valid: 'db.accountNumberInvalid',
  sie_accounts_vat_25_valid: 'db.accountNumberInvalid',
  sie_accounts_vat_12_valid: 'db.accountNumberInvalid',
  sie_accounts_vat_6_valid: 'db.accountNumberInvalid',
  sie_accounts_sales_outside_eu_valid: 'db.accountNumberInvalid',
  sie_accounts_rounding_valid: 'db.accountNumberInvalid',
  sie_accounts_bank_valid: 'db.accountNumberInvalid',
  sie_accounts_voucher_series_valid: 'db.voucherSeriesInvalid',
  sie_accounts_bookkeeping_method_valid: 'validation.invalid',
  sie_accounts_vat_period_valid: 'validation.invalid',
  export_downloads_kind_valid: 'db.invalidValue',
  // bookkeeping truth (issue 12): no control characters in names and free text
  workspaces_name_clean: 'db.textControlCharacters',
  business_profiles_legal_name_clean: 'db.textControlCharacters',
  business_profiles_address_line1_clean: 'db.textControlCharacters',
  business_profiles_address_line2_clean: 'db.textControlCharacters',
  business_profiles_postal_code_clean: 'db.textControlCharacters',
  business_profiles_city_clean: 'db.textControlCharacters',
  business_profiles_phone_clean: 'db.textControlCharacters',
  business_profiles_invoice_footer_clean: 'db.multilineControlCharacters',
  nodes_title_clean: 'db.textControlCharacters',
  nodes_body_clean: 'db.multilineControlCharacters',
  client_details_name_clean: 'db.textControlCharacters',
  client_details_org_number_clean: 'db.textControlCharacters',
  client_details_address_line1_clean: 'db.textControlCharacters',
  client_details_address_line2_clean: 'db.textControlCharacters',
  client_details_postal_code_clean: 'db.textControlCharacters',
  client_details_city_clean: 'db.textControlCharacters',
  time_entries_description_clean: 'db.textControlCharacters',
  running_timers_description_clean: 'db.textControlCharacters',
  invoice_lines_description_clean: 'db.textControlCharacters',
  invoice_lines_unit_clean: 'db.textControlCharacters',
  invoices_message_clean: 'db.multilineControlCharacters',
  invoices_buyer_reference_clean: 'db.textControlCharacters',
  invoices_seller_reference_clean: 'db.textControlCharacters',
  // ... and only characters the invoice font can draw (private.refuse_unprintable_text)
  business_profiles_legal_name_printable: 'db.invoiceFontCharactersStored',
  business_profiles_address_line1_printable: 'db.invoiceFontCharactersStored',
  business_profiles_address_line2_printable: 'db.invoiceFontCharactersStored',
  business_profiles_postal_code_printable: 'db.invoiceFontCharactersStored',
  business_profiles_city_printable: 'db.invoiceFontCharactersStored',
  business_profiles_phone_printable: 'db.invoiceFontCharactersStored',
  business_profiles_email_printable: 'db.invoiceFontCharactersStored',
  business_profiles_invoice_footer_printable: 'db.invoiceFontCharactersStored',
  client_details_name_printable: 'db.invoiceFontCharactersStored',
  client_details_org_number_printable: 'db.invoiceFontCharactersStored',
  client_details_address_line1_printable: 'db.invoiceFontCharactersStored',
  client_details_address_line2_printable: 'db.invoiceFontCharactersStored',
  client_details_postal_code_printable: 'db.invoiceFontCharactersStored',
  client_details_city_printable: 'db.invoiceFontCharactersStored',
  client_details_email_printable: 'db.invoiceFontCharactersStored',
  invoice_lines_description_printable: 'db.invoiceFontCharactersStored',
  invoice_lines_unit_printable: 'db.invoiceFontCharactersStored',
  invoices_message_printable: 'db.invoiceFontCharactersStored',
  invoices_buyer_reference_printable: 'db.invoiceFontCharactersStored',
  invoices_seller_reference_printable: 'db.invoiceFontCharactersStored',
  // ... invoice dates, lines of hours and the number series
  invoices_issue_date_range: 'db.dateBefore2000',
  invoices_due_date_range: 'db.dateBefore2000',
  invoices_supply_date_range: 'db.supplyDateRange',
  invoices_period_start_range: 'db.periodRange',
  invoices_period_end_range: 'db.periodRange',
  invoice_lines_follow_hours: 'db.lineFollowsHours',
  time_entries_line_one_rate: 'db.lineOneRate',
  time_entries_billed_on_draft: 'db.timeEntryOnDraft',
  number_series_first_number_range: 'db.firstNumberRange',
  // payments and credit notes (issue 12)
  invoices_credited_nonnegative: 'db.invoiceTotalsInconsistent',
  invoices_credit_note_unpaid: 'db.creditNoteNotPayable',
  invoices_credit_within_original: 'db.creditNoteExceedsOriginal',
  invoice_lines_credit_within_line: 'db.creditNoteExceedsLine',
  invoice_lines_credits_original_line: 'db.creditNoteLineNotOnInvoice',
  invoice_payments_method_valid: 'db.paymentMethodInvalid',
  invoice_payments_reference_valid: 'db.paymentReferenceInvalid',
  invoice_payments_reason_valid: 'db.paymentReasonInvalid',
  invoice_payments_workspace_id_id_unique: 'db.duplicate',
  invoice_payments_invoice_same_workspace: 'db.invoiceInOtherWorkspace',
  invoice_payments_reverses_same_workspace: 'db.invoiceInOtherWorkspace',
  invoice_payments_reversed_once: 'db.paymentAlreadyReversed',
  invoice_payments_amount_positive: 'db.paymentAmountPositive',
  invoice_payments_reversal_reason: 'db.paymentReversalReasonRequired',
  invoice_payments_invoice_payable: 'db.invoiceNotPayable',
  invoice_payments_paid_on_not_future: 'db.paymentDateInFuture',
  invoice_payments_paid_on_after_issue: 'db.paymentDateBeforeIssue',
  invoice_payments_reversal_matches: 'db.paymentReversalInvalid',
  invoice_payments_append_only: 'db.paymentAppendOnly',
  reference_rates_half_year: 'db.referenceRateMissing',
  payment_reminders_invoice_overdue: 'db.invoiceNotOverdue',
  payment_reminders_fee_cap: 'db.reminderFeeCap',
  payment_reminders_fee_range: 'db.reminderFeeRange',
  client_details_reminder_fee_range: 'db.reminderFeeRange',
  client_details_late_interest_range: 'db.lateInterestRange',
  invoices_interest_nothing_due: 'db.nothingToCharge',
  bank_imports_file_once: 'db.bankFileAlreadyImported',
  bank_import_payments_booked: 'db.bankPaymentBooked',
  bank_import_payments_invoice_same_workspace: 'db.invoiceInOtherWorkspace',
} as const satisfies Record<string, MessageKey>;

/** Stable codes raised as the error message by triggers and the invoicing functions. */
export const RAISED_MESSAGES = {
  audit_log_append_only: 'db.auditLogAppendOnly',
  invoice_archive_insert_only: 'db.invoiceArchiveInsertOnly',
  invoice_immutable: 'db.invoiceImmutable',
  invoice_fields_managed: 'db.invoiceFieldsManaged',
  invoice_lines_immutable: 'db.invoiceImmutable',
  invoice_not_found: 'db.invoiceNotFound',
  invoice_not_draft: 'db.invoiceNotDraft',
  invoice_not_sent: 'db.invoiceNotSent',
  invoice_not_creditable: 'db.invoiceNotCreditable',
  invoice_already_credited: 'db.invoiceAlreadyCredited',
  invoice_paid_on_required: 'db.paidOnRequired',
  invoice_pdf_already_recorded: 'db.pdfAlreadyRecorded',
  invoice_pdf_path_invalid: 'db.pdfPathInvalid',
  credit_note_line_not_on_invoice: 'db.creditNoteLineNotOnInvoice',
  not_workspace_owner: 'db.notWorkspaceOwner',
  second_factor_required: 'db.secondFactorRequired',
  time_entry_not_billable: 'db.timeEntryNotBillable',
  time_entry_not_restorable: 'db.timeEntryNotRestorable',
  not_workspace_member: 'db.forbidden',
  invitation_invalid: 'db.invitationInvalid',
  invitation_expired: 'db.invitationExpired',
  invitation_used: 'db.invitationUsed',
  invitation_revoked: 'db.invitationRevoked',
  invitation_email_mismatch: 'db.invitationEmailMismatch',
  invitation_email_unconfirmed: 'db.invitationEmailUnconfirmed',
  invitation_already_member: 'db.invitationAlreadyMember',
  invitation_not_found: 'db.invitationNotFound',
  accountant_not_found: 'db.accountantNotFound',
  own_workspace_exists: 'db.ownWorkspaceExists',
  invoice_series_out_of_order: 'db.seriesOutOfOrder',
  number_series_started: 'db.seriesStarted',
  invoice_payment_not_found: 'db.paymentNotFound',
  invoice_not_payable: 'db.invoiceNotPayable',
  invoice_not_credited: 'db.invoiceNotCredited',
  credit_note_exceeds_original: 'db.creditNoteExceedsOriginal',
  bank_payment_not_found: 'db.bankPaymentNotFound',
  bank_import_not_found: 'db.bankImportNotFound',
  client_not_found: 'db.clientInOtherWorkspace',
} as const satisfies Record<string, MessageKey>;

/** send_invoice() raises `invoice_incomplete:<field>` (hint = field, detail = all fields, comma-separated). */
export const INCOMPLETE_INVOICE_MESSAGES = {
  seller_legal_name: 'db.invoiceIncomplete.sellerLegalName',
  seller_org_number: 'db.invoiceIncomplete.sellerOrgNumber',
  seller_vat_number: 'db.invoiceIncomplete.sellerVatNumber',
  seller_address: 'db.invoiceIncomplete.sellerAddress',
  seller_payment_details: 'db.invoiceIncomplete.sellerPaymentDetails',
  buyer_details: 'db.invoiceIncomplete.buyerDetails',
  buyer_address: 'db.invoiceIncomplete.buyerAddress',
  buyer_vat_number: 'db.invoiceIncomplete.buyerVatNumber',
  lines: 'db.invoiceIncomplete.lines',
  reverse_charge_zero_vat: 'db.invoiceIncomplete.reverseChargeZeroVat',
  positive_quantities: 'db.invoiceIncomplete.positiveQuantities',
  negative_quantities: 'db.invoiceIncomplete.negativeQuantities',
  due_date: 'db.invoiceIncomplete.dueDate',
  lines_match_hours: 'db.invoiceIncomplete.linesMatchHours',
  supply_date: 'db.invoiceIncomplete.supplyDate',
  period: 'db.invoiceIncomplete.period',
  buyer_vat_number_format: 'db.invoiceIncomplete.buyerVatNumberFormat',
  discount_exceeds_lines: 'db.invoiceIncomplete.discountExceedsLines',
  eu_buyer_country: 'db.invoiceIncomplete.euBuyerCountry',
  outside_eu_buyer_country: 'db.invoiceIncomplete.outsideEuBuyerCountry',
  outside_eu_zero_vat: 'db.invoiceIncomplete.outsideEuZeroVat',
  vat_exemption_reason: 'db.invoiceIncomplete.vatExemptionReason',
  vat_exemption_reason_not_domestic: 'db.invoiceIncomplete.vatExemptionReasonNotDomestic',
  charges_only: 'db.invoiceIncomplete.chargesOnly',
} as const satisfies Record<string, MessageKey>;

/** Fallbacks by SQLSTATE when no name matches. */
export const SQLSTATE_MESSAGES = {
  '42501': 'db.forbidden',
  '23505': 'db.duplicate',
  '23503': 'db.referenceInvalid',
  '23502': 'db.requiredMissing',
  '23514': 'db.invalidValue',
  '22P02': 'db.invalidValue',
  // A NUL byte or broken UTF-8 that got past the schemas (lib/validation/text.ts).
  '22021': 'db.invalidCharacters',
  '22P05': 'db.invalidCharacters',
  '55000': 'db.notAllowedNow',
} as const satisfies Record<string, MessageKey>;

export type DbMessageKey =
  | (typeof CONSTRAINT_MESSAGES)[keyof typeof CONSTRAINT_MESSAGES]
  | (typeof RAISED_MESSAGES)[keyof typeof RAISED_MESSAGES]
  | (typeof INCOMPLETE_INVOICE_MESSAGES)[keyof typeof INCOMPLETE_INVOICE_MESSAGES]
  | (typeof SQLSTATE_MESSAGES)[keyof typeof SQLSTATE_MESSAGES]
  | 'db.unexpected';
// (each map `satisfies Record<string, MessageKey>`: a key without a catalogued text does not compile)

/** Every key this module can return, for the i18n catalogue check. */
export const MESSAGE_KEYS: readonly DbMessageKey[] = [
  ...new Set<DbMessageKey>([
    ...Object.values(CONSTRAINT_MESSAGES),
    ...Object.values(RAISED_MESSAGES),
    ...Object.values(INCOMPLETE_INVOICE_MESSAGES),
    ...Object.values(SQLSTATE_MESSAGES),
    'db.unexpected',
  ]),
].sort();

export interface DatabaseErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

/** The message key for a database error (node-postgres DatabaseError or similar). */
export function messageKeyFor(error: DatabaseErrorLike): DbMessageKey {
  const message = error.message ?? '';
  if (message.startsWith('invoice_incomplete:')) {
    const field = message.slice('invoice_incomplete:'.length) as keyof typeof INCOMPLETE_INVOICE_MESSAGES;
    return INCOMPLETE_INVOICE_MESSAGES[field] ?? 'db.invoiceIncomplete.any';
  }
  if (error.constraint && error.constraint in CONSTRAINT_MESSAGES) {
    return CONSTRAINT_MESSAGES[error.constraint as keyof typeof CONSTRAINT_MESSAGES];
  }
  if (message in RAISED_MESSAGES) return RAISED_MESSAGES[message as keyof typeof RAISED_MESSAGES];
  if (error.code && error.code in SQLSTATE_MESSAGES) return SQLSTATE_MESSAGES[error.code as keyof typeof SQLSTATE_MESSAGES];
  return 'db.unexpected';
}
