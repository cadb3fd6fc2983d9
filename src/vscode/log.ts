import * as vscode from 'vscode';
import type { Logger } from '../core/model';

/** One lazily created LogOutputChannel, handed to the core as a small Logger. */
export class OutputLogger implements Logger, vscode.Disposable {
  private channel: vscode.LogOutputChannel | undefined;

  private get out(): vscode.LogOutputChannel {
    this.channel ??= vscode.window.createOutputChannel('Article Annotator', { log: true });
    return this.channel;
  }

  info(message: string): void {
    this.out.info(message);
  }
  warn(message: string): void {
    this.out.warn(message);
  }
  error(message: string): void {
    this.out.error(message);
  }
  show(): void {
    this.out.show(true);
  }
  dispose(): void {
    this.channel?.dispose();
  }
}
