/** Ids in slices that keep an `IN (...)` list well below either database's limit on bound parameters. */
export function chunks(ids: number[], size = 500): number[][] {
  const slices: number[][] = [];
  for (let from = 0; from < ids.length; from += size) slices.push(ids.slice(from, from + size));
  return slices;
}
