'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';
import { Button, type ButtonVariant } from '@/components/ui/button';

export function SubmitButton({ children, variant, name, value, className }: { children: ReactNode; variant?: ButtonVariant; name?: string; value?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} name={name} value={value} disabled={pending} aria-disabled={pending || undefined} className={className}>
      {children}
    </Button>
  );
}
