/** A page request as users give it (1-based page). */
export interface PageRequest {
  readonly page?: number;
  readonly pageSize?: number;
}

/** One page of a list, with enough to draw a pager. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Clamps a page request and turns it into LIMIT/OFFSET. */
export function pageWindow(request: PageRequest, defaultSize = 50, maxSize = 500): { page: number; pageSize: number; limit: number; offset: number } {
  const pageSize = Math.min(Math.max(Math.trunc(request.pageSize ?? defaultSize) || defaultSize, 1), maxSize);
  const page = Math.max(Math.trunc(request.page ?? 1) || 1, 1);
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

/** Number of pages for a total. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
