// The payment methods invoice_payments accepts (its method_valid check), for forms and labels.
export const PAYMENT_METHODS = ['bankgiro', 'plusgiro', 'bank_transfer', 'card', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
