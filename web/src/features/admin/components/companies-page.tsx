import { Building, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useCompanies, type Company } from '../api/get-companies';
import { useSaveCompany } from '../api/save-company';
import { CompanyDialog } from './company-dialog';
import { LoadMore } from '@/components/data/load-more';

const COLUMNS = 5;

/** The tenants of this OpsFlux; for superusers. */
export function CompaniesPage() {
  const { t } = useTranslation('admin');
  const companies = useCompanies();
  const rows = companies.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <PageBody>
      <PageHeader
        title={t('companies.title')}
        description={t('companies.description')}
        actions={
          <CompanyDialog
            trigger={
              <Button>
                <Plus aria-hidden />
                {t('companies.create')}
              </Button>
            }
          />
        }
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('companies.columns.company')}</TableHead>
              <TableHead>{t('companies.columns.status')}</TableHead>
              <TableHead>{t('companies.columns.locale')}</TableHead>
              <TableHead>{t('companies.columns.created')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('tokens.columns.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {companies.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : companies.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={companies.error} onRetry={() => void companies.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={Building} title={t('companies.empty')} />
              </FullRow>
            ) : (
              rows.map((company) => <CompanyRow key={company.id} company={company} />)
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={companies.hasNextPage}
        isFetchingNextPage={companies.isFetchingNextPage}
        fetchNextPage={companies.fetchNextPage}
      />
    </PageBody>
  );
}

function CompanyRow({ company }: { company: Company }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const save = useSaveCompany(company.id);
  const [confirm, setConfirm] = useState(false);
  const deactivating = company.is_active;
  return (
    <TableRow>
      <TableCell>
        <span className="font-medium">{company.name}</span>
        <div className="text-muted-foreground font-mono text-xs">{company.slug}</div>
      </TableCell>
      <TableCell>
        <Badge variant={company.is_active ? 'success' : 'destructive'}>
          {company.is_active ? t('users.status.active') : t('users.status.disabled')}
        </Badge>
      </TableCell>
      <TableCell>
        {tc(`languages.${company.locale}`)}
        <div className="text-muted-foreground text-xs">{company.time_zone}</div>
      </TableCell>
      <TableCell>{format.date(company.created_at)}</TableCell>
      <TableCell className="text-right whitespace-nowrap">
        <CompanyDialog
          company={company}
          trigger={
            <Button variant="ghost" size="sm">
              {t('users.edit')}
            </Button>
          }
        />
        <ConfirmDialog
          open={confirm}
          onOpenChange={setConfirm}
          trigger={
            <Button variant="ghost" size="sm" className={deactivating ? 'text-destructive' : ''}>
              {t(deactivating ? 'users.deactivate' : 'users.reactivate')}
            </Button>
          }
          title={t(deactivating ? 'companies.deactivate_title' : 'companies.reactivate_title', {
            name: company.name,
          })}
          description={t(deactivating ? 'companies.deactivate_hint' : 'companies.reactivate_hint')}
          confirmLabel={t(deactivating ? 'users.deactivate' : 'users.reactivate')}
          pending={save.isPending}
          onConfirm={() =>
            save.mutate(
              { is_active: !deactivating },
              {
                onSuccess: () => setConfirm(false),
                onError: (error) => toast.error(problemMessage(error)),
              },
            )
          }
        />
      </TableCell>
    </TableRow>
  );
}
