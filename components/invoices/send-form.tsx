'use client';
// Sending a draft. The send's refusals come back in words: all of them beside the button, and the
// ones about the draft's dates also at those fields of the details form (OuterErrorsProvider), so
// the provider is the element around the whole editor.
import { createContext, useActionState, useContext, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n/provider';
import { initialState, type ActionState } from '@/lib/actions/state';
import { sendInvoiceAction } from '@/lib/invoices/actions';
import { OuterErrorsProvider, Submit } from '@/components/ui/form';

type SendState = [ActionState, (formData: FormData) => void, boolean];
const SendContext = createContext<SendState | null>(null);

export function SendStateProvider({ children, className }: { children: ReactNode; className?: string }) {
  const send = useActionState(sendInvoiceAction, initialState);
  const [state] = send;
  return (
    <SendContext.Provider value={send}>
      <OuterErrorsProvider value={state.ok ? {} : state.fieldErrors}>
        <div className={className}>{children}</div>
      </OuterErrorsProvider>
    </SendContext.Provider>
  );
}

export function SendForm({ invoiceId }: { invoiceId: string }) {
  const { t } = useI18n();
  const send = useContext(SendContext);
  if (!send) throw new Error('SendForm needs a SendStateProvider around the draft editor');
  const [state, formAction] = send;
  const refusals = state.ok ? [] : [...new Set(Object.values(state.fieldErrors))];
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {!state.ok && state.formError ? (
        <div role="alert" className="rounded-lg bg-danger-soft px-4 py-3 text-sm text-danger">
          <p className="font-medium">{state.formError}</p>
          {refusals.length > 0 ? (
            <ul className="mt-1 list-disc pl-5" data-testid="missing-fields">
              {refusals.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <p className="text-sm text-muted">{t('invoices.draft.sendHint')}</p>
      <Submit size="lg" className="w-full" label={t('invoices.draft.send')} pendingLabel={t('invoices.draft.sending')} />
    </form>
  );
}
