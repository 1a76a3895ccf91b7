// The `/` filter: case-insensitive, every space-separated term must occur.
export function filterTerms(filter: string): string[] {
  return filter.toLowerCase().split(/\s+/).filter((t) => t !== '');
}

export function matchesTerms(search: string, terms: readonly string[]): boolean {
  for (const t of terms) if (!search.includes(t)) return false;
  return true;
}

export function matchesFilter(search: string, filter: string): boolean {
  return matchesTerms(search, filterTerms(filter));
}
