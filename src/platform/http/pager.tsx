import { pageCount } from '../../lib/pagination.js';
import type { Lang } from '../i18n/i18n.js';

/** Builds the URL of another page, keeping the current filters. */
function pageHref(basePath: string, query: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== '' && k !== 'page') params.set(k, v);
  params.set('page', String(page));
  return `${basePath}?${params.toString()}`;
}

/** Previous / next pager with "page x of y · n results". */
export function Pager(props: {
  lang: Lang;
  basePath: string;
  query: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
}): JSX.Element {
  const pages = pageCount(props.total, props.pageSize);
  const fr = props.lang === 'fr';
  return (
    <nav aria-label={fr ? 'Pagination' : 'Pagination'} class="d-flex align-items-center gap-3 my-3">
      <span class="text-body-secondary small" safe>
        {fr
          ? `Page ${props.page} sur ${pages} · ${props.total} résultat${props.total > 1 ? 's' : ''}`
          : `Page ${props.page} of ${pages} · ${props.total} result${props.total === 1 ? '' : 's'}`}
      </span>
      <ul class="pagination pagination-sm mb-0">
        <li class={`page-item${props.page <= 1 ? ' disabled' : ''}`}>
          {props.page <= 1 ? (
            <span class="page-link">{fr ? 'Précédente' : 'Previous'}</span>
          ) : (
            <a class="page-link" href={pageHref(props.basePath, props.query, props.page - 1)}>
              {fr ? 'Précédente' : 'Previous'}
            </a>
          )}
        </li>
        <li class={`page-item${props.page >= pages ? ' disabled' : ''}`}>
          {props.page >= pages ? (
            <span class="page-link">{fr ? 'Suivante' : 'Next'}</span>
          ) : (
            <a class="page-link" href={pageHref(props.basePath, props.query, props.page + 1)}>
              {fr ? 'Suivante' : 'Next'}
            </a>
          )}
        </li>
      </ul>
    </nav>
  );
}
