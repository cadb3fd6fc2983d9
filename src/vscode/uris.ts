import * as vscode from 'vscode';

/** `story.txt` -> `story.annotations.yaml` in the same folder. */
export function sidecarUriFor(article: vscode.Uri): vscode.Uri {
  const path = article.path;
  const slash = path.lastIndexOf('/');
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return article.with({ path: `${path.slice(0, slash + 1)}${stem}.annotations.yaml` });
}
