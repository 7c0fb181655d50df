// Grouping in linear time. `map.set(k, [...(map.get(k) ?? []), x])` copies the group
// on every element (quadratic in the group's size: millions of copies for a few
// thousand time entries); these push into the group instead.

/** Items grouped by key, in their original order within each group. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Adds one item to the group under `k` (creating it), without copying the group. */
export function pushTo<K, T>(groups: Map<K, T[]>, k: K, item: T): void {
  const group = groups.get(k);
  if (group) group.push(item);
  else groups.set(k, [item]);
}
