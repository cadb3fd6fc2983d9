import * as vscode from 'vscode';

/** A typed snapshot of the `articleAnnotator.*` settings, refreshed on change. */
export interface Settings {
  /** Open `.txt` files whose first line is ` date YYYY-MM-DD ...` as articles. */
  detectTxtArticles: boolean;
  /** Milliseconds after an annotation change before the sidecar is written; -1: only on article save. */
  saveDelay: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('articleAnnotator');
  return {
    detectTxtArticles: c.get<boolean>('detectTxtArticles', true),
    saveDelay: c.get<number>('saveDelay', 1000),
  };
}

export class SettingsWatcher implements vscode.Disposable {
  private current = readSettings();
  private readonly emitter = new vscode.EventEmitter<Settings>();
  readonly onDidChange = this.emitter.event;
  private readonly sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('articleAnnotator')) {
      this.current = readSettings();
      this.emitter.fire(this.current);
    }
  });

  get value(): Settings {
    return this.current;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
