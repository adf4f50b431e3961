'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type ReactNode } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { Alert } from '@/components/ui/alert';
import { cn } from '@/components/ui/cn';
import { initialFormState, type FormState } from '@/lib/forms';

type ServerAction = (state: FormState, formData: FormData) => Promise<FormState>;

const FormStateContext = createContext<FormState>(initialFormState);
export const useServerFormState = () => useContext(FormStateContext);

/**
 * A real <form> posting to a server action: it works with JavaScript off. With JavaScript, the same zod
 * schema validates each field as the user leaves it, and nothing is posted while a field is invalid.
 */
export function ActionForm({
  action,
  schema,
  children,
  className,
  successMessage,
  id,
  encType,
  'aria-labelledby': labelledBy,
  renderSuccess,
}: {
  action: ServerAction;
  schema?: z.ZodType<FieldValues, FieldValues>;
  children: ReactNode;
  className?: string;
  successMessage?: string;
  id?: string;
  encType?: 'multipart/form-data';
  'aria-labelledby'?: string;
  /** Shown instead of the form after a successful action that stays on the page. */
  renderSuccess?: (state: FormState) => ReactNode;
}) {
  const t = useTranslations();
  const [state, formAction] = useActionState(action, initialFormState);
  const methods = useForm<FieldValues>({
    resolver: schema ? (zodResolver(schema) as Resolver<FieldValues>) : undefined,
    mode: 'onTouched',
  });
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    for (const [name, message] of Object.entries(state.fieldErrors ?? {})) {
      if (!name.startsWith('_')) methods.setError(name, { type: 'server', message });
    }
  }, [state, methods]);

  if (state.ok && renderSuccess) return <>{renderSuccess(state)}</>;
  return (
    <FormStateContext.Provider value={state}>
      <FormProvider {...methods}>
        <form
          id={id}
          ref={formRef}
          action={formAction}
          encType={encType}
          noValidate
          aria-labelledby={labelledBy}
          className={cn('space-y-5', className)}
          onSubmit={(event) => {
            if (!schema) return;
            event.preventDefault();
            const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
            void methods.handleSubmit(() => {
              const data = new FormData(formRef.current!, submitter);
              startTransition(() => formAction(data));
            })(event);
          }}
        >
          {state.message ? (
            <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert>
          ) : state.ok && successMessage ? (
            <Alert tone="success">{successMessage}</Alert>
          ) : null}
          {!state.ok && Object.keys(state.fieldErrors ?? {}).length > 0 && !state.message ? (
            <Alert tone="error">{t('errors.invalidForm')}</Alert>
          ) : null}
          {children}
        </form>
      </FormProvider>
    </FormStateContext.Provider>
  );
}
