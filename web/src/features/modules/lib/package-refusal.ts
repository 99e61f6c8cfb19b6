import { ApiProblem } from '@/lib/api/problem';
import { i18n, translateIfExists } from '@/lib/i18n';

/** One problem of a refused package: where (a JSON pointer into module.json, or a file) and what. */
export type ReportRow = { where: string; problem: string };

/** What to tell about a refused install, upgrade or uninstall: our words for its code, the server's detail, the report. */
export type Refusal = {
  title: string;
  message: string;
  detail?: string;
  report: ReportRow[];
};

/**
 * A refused package operation in words, under `title`. `validation_failed` carries one
 * entry per problem, each at its JSON pointer (`/record_types/0/fields/2/type`) or file
 * (`module.json`): they make the report. Other codes (an unsafe path, a bad signature,
 * a version not higher, a company that has it on) say what in their `detail`, which
 * names the culprit.
 */
export function refusalOf(error: unknown, title: string): Refusal {
  if (!(error instanceof ApiProblem)) {
    return { title, message: i18n.t('errors.unexpected'), report: [] };
  }
  const code = error.status === 413 ? 'payload_too_large' : error.code;
  const report = (error.problem.errors ?? []).map((entry) => ({
    where: entry.field,
    problem: entry.message,
  }));
  const known =
    translateIfExists(`modules:codes.${code}`) ?? translateIfExists(`errors.code.${code}`);
  const detail = error.problem.detail?.trim();
  if (known) {
    const showDetail = detail && code !== 'network_error' && report.length === 0;
    return showDetail
      ? { title, message: known, detail, report }
      : { title, message: known, report };
  }
  return { title, message: detail || error.problem.title, report };
}
