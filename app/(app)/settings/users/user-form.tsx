'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ActionForm } from '@/components/form/action-form';
import { CheckboxGroup, SelectField, TextField } from '@/components/form/field';
import { SubmitButton } from '@/components/form/submit-button';
import { ROLES } from '@/db/schema/auth';
import type { UserRow } from '@/lib/users/queries';
import { createUserSchema, updateUserSchema } from '@/lib/users/schema';
import { createUserAction, updateUserAction } from '../actions';
import { PasswordLink } from './password-link';

type Team = { id: number; name: string };

function CommonFields({ teams, user }: { teams: Team[]; user?: UserRow }) {
  const t = useTranslations();
  return (
    <>
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="name" label={t('fields.fullName')} defaultValue={user?.name} required autoComplete="off" />
        <TextField name="email" type="email" label={t('fields.email')} defaultValue={user?.email} required autoComplete="off" />
      </div>
      <SelectField
        name="role"
        label={t('fields.role')}
        hint={t('users.roleHint')}
        defaultValue={user?.role ?? 'sales'}
        options={ROLES.map((r) => ({ value: r, label: `${t(`roles.${r}`)} — ${t(`roleHelp.${r}`)}` }))}
      />
      {teams.length ? (
        <CheckboxGroup
          name="teamIds"
          legend={t('fields.teams')}
          options={teams.map((x) => ({ value: String(x.id), label: x.name }))}
          defaultValues={user?.teamIds.map(String)}
        />
      ) : (
        <p className="text-sm text-slate-600">
          {t('users.noTeams')}{' '}
          <Link href="/settings/teams" className="font-medium text-brand-700 hover:underline">
            {t('users.createTeam')}
          </Link>
        </p>
      )}
    </>
  );
}

export function NewUserForm({ teams }: { teams: Team[] }) {
  const t = useTranslations();
  return (
    <ActionForm
      action={createUserAction}
      schema={createUserSchema}
      renderSuccess={(state) => (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t('users.createdBody', { name: state.data?.name ?? '' })}</p>
          <PasswordLink link={state.data?.link ?? ''} />
          <div className="flex gap-3">
            <Link href={`/settings/users/${state.data?.id}`} className="text-sm font-semibold text-brand-700 hover:underline">
              {t('users.openUser')}
            </Link>
            <Link href="/settings/users" className="text-sm font-semibold text-brand-700 hover:underline">
              {t('users.backToList')}
            </Link>
          </div>
        </div>
      )}
    >
      <CommonFields teams={teams} />
      <SubmitButton>{t('users.create')}</SubmitButton>
    </ActionForm>
  );
}

export function EditUserForm({ teams, user }: { teams: Team[]; user: UserRow }) {
  const t = useTranslations();
  return (
    <ActionForm action={updateUserAction} schema={updateUserSchema}>
      <input type="hidden" name="id" value={user.id} />
      <CommonFields teams={teams} user={user} />
      <TextField name="departureDate" type="date" label={t('fields.departureDate')} hint={t('users.departureHint')} defaultValue={user.departureDate} />
      <SubmitButton>{t('common.save')}</SubmitButton>
    </ActionForm>
  );
}
