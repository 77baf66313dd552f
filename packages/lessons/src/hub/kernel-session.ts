// A notebook session on a user's server behind the hub, driven over the kernel websocket with the
// Jupyter messaging protocol, as the notebook page does when a student runs a cell.
import { randomUUID } from 'crypto';
import WebSocket from 'ws';
import type { HubClient } from './hub-client';

export interface Execution {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** text/plain of each result and display */
  results: string[];
  error?: { ename: string; evalue: string };
}

interface Message {
  channel: string;
  header: { msg_id: string; msg_type: string };
  parent_header: { msg_id?: string };
  content: Record<string, unknown>;
}

interface Pending {
  execution: Execution;
  replied: boolean;
  idle: boolean;
  done(): void;
}

export class KernelSession {
  private readonly pending = new Map<string, Pending>();

  private constructor(
    private readonly client: HubClient,
    private readonly user: string,
    private readonly sessionId: string,
    private readonly clientId: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => this.receive(JSON.parse(String(data)) as Message));
  }

  /** Opens `notebookPath` on `user`'s server with a new kernel (its folder is the kernel's working folder). */
  static async open(client: HubClient, user: string, notebookPath: string, kernelName = 'tslab', timeoutMs = 180_000): Promise<KernelSession> {
    const model = await client.server<{ id: string; kernel: { id: string } }>(user, 'POST', '/sessions', {
      path: notebookPath,
      type: 'notebook',
      name: '',
      kernel: { name: kernelName },
    });
    // The page names its client session in the URL and in every message's header, so the server can tell a
    // reconnecting page from a new one.
    const clientId = randomUUID();
    const url = `${client.url.replace(/^http/, 'ws')}user/${encodeURIComponent(user)}/api/kernels/${model.kernel.id}/channels?session_id=${clientId}`;
    const socket = new WebSocket(url, { headers: client.headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const session = new KernelSession(client, user, model.id, clientId, socket);
    await session.ready(timeoutMs);
    return session;
  }

  /** Waits until the kernel answers (a kernel that is still starting drops requests, so ask again). */
  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const id = this.send('kernel_info_request', {});
      const answered = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5_000);
        this.pending.set(id, {
          execution: { ok: true, stdout: '', stderr: '', results: [] },
          replied: false,
          idle: true,
          done: () => {
            clearTimeout(timer);
            resolve(true);
          },
        });
      });
      this.pending.delete(id);
      if (answered) return;
      if (Date.now() > deadline) throw new Error(`the kernel on ${this.user}'s server did not answer within ${timeoutMs / 1000} s`);
    }
  }

  private send(msgType: string, content: Record<string, unknown>): string {
    const msgId = randomUUID();
    const header = { msg_id: msgId, msg_type: msgType, username: this.user, session: this.clientId, date: new Date().toISOString(), version: '5.3' };
    this.socket.send(JSON.stringify({ channel: 'shell', header, parent_header: {}, metadata: {}, content, buffers: [] }));
    return msgId;
  }

  private receive(message: Message): void {
    const pending = this.pending.get(message.parent_header.msg_id ?? '');
    if (!pending) return;
    const { execution } = pending;
    const content = message.content;
    switch (message.header.msg_type) {
      case 'stream':
        if (content.name === 'stderr') execution.stderr += String(content.text);
        else execution.stdout += String(content.text);
        break;
      case 'execute_result':
      case 'display_data':
        execution.results.push(String((content.data as Record<string, unknown>)['text/plain'] ?? ''));
        break;
      case 'error':
        execution.error = { ename: String(content.ename), evalue: String(content.evalue) };
        break;
      case 'status':
        if (content.execution_state === 'idle') pending.idle = true;
        break;
      case 'execute_reply':
      case 'kernel_info_reply':
        pending.replied = true;
        if (content.status !== 'ok') execution.ok = false;
        break;
    }
    if (pending.replied && pending.idle) pending.done();
  }

  /** Runs one cell's code and resolves with what it printed, displayed and threw. */
  execute(code: string, timeoutMs = 300_000): Promise<Execution> {
    return new Promise((resolve, reject) => {
      const id = this.send('execute_request', { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`a cell on ${this.user}'s kernel did not finish within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const execution: Execution = { ok: true, stdout: '', stderr: '', results: [] };
      this.pending.set(id, {
        execution,
        replied: false,
        idle: false,
        done: () => {
          clearTimeout(timer);
          this.pending.delete(id);
          resolve(execution);
        },
      });
    });
  }

  /** Closes the websocket and shuts the kernel down. */
  async close(): Promise<void> {
    this.socket.close();
    await this.client.server(this.user, 'DELETE', `/sessions/${this.sessionId}`);
  }
}
