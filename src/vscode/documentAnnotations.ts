import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { emptyAnnotations, type Annotations } from '../core/model';
import { sidecarUriFor } from './uris';

/** Annotations of open articles, kept by document URI, and their sidecar files. */
export class DocumentAnnotations implements vscode.Disposable {
  private readonly byUri = new Map<string, Annotations>();

  get(doc: vscode.TextDocument): Annotations {
    const key = doc.uri.toString();
    let ann = this.byUri.get(key);
    if (!ann) {
      ann = emptyAnnotations();
      this.byUri.set(key, ann);
    }
    return ann;
  }

  /** Writes the sidecar next to the article; returns its URI, or undefined for an untitled article. */
  async save(doc: vscode.TextDocument): Promise<vscode.Uri | undefined> {
    if (doc.isUntitled) return undefined;
    const target = sidecarUriFor(doc.uri);
    const data = new TextEncoder().encode(stringify(this.get(doc)));
    await vscode.workspace.fs.writeFile(target, data);
    return target;
  }

  dispose(): void {
    this.byUri.clear();
  }
}
