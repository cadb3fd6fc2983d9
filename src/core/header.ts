/** The first line of an article in our plain-text format: ` date YYYY-MM-DD Title`. */
export const ARTICLE_FIRST_LINE = /^\uFEFF?\s*date\s+\d{4}-\d{2}-\d{2}\b/;

/** Whether a text (or its first line) starts like one of our articles. */
export function looksLikeArticle(firstLine: string): boolean {
  return ARTICLE_FIRST_LINE.test(firstLine);
}
