// Small formatting helpers that do not depend on the language.

/** A file size in B, KB or MB (decimal units, one decimal above 1 KB). */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
