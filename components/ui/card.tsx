import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6 print:shadow-none print:ring-0', className)} {...props} />;
}

export function CardTitle({ children, description, id }: { children: ReactNode; description?: ReactNode; id?: string }) {
  return (
    <div className="mb-4">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {children}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
  );
}
