// JupyterHub's REST API as an admin token sees it: users, their servers, and each server's Jupyter API.
export class HubError extends Error {}

/** A response's JSON body; starting or stopping a server answers with none. */
async function parsed<T>(response: Response): Promise<T> {
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface HubUser {
  name: string;
  servers: Record<string, { ready: boolean; pending: string | null; url: string }>;
}

export class HubClient {
  /** `url` is the hub's public URL, ending in `/` */
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  get headers(): Record<string, string> {
    return { Authorization: `token ${this.token}` };
  }

  private async request(method: string, url: string, body?: unknown): Promise<Response> {
    const response = await fetch(url, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new HubError(`${method} ${url}: ${response.status} ${await response.text()}`);
    return response;
  }

  /** The hub's own API: `path` after `/hub/api`. */
  async hub<T>(method: string, path: string, body?: unknown): Promise<T> {
    return parsed<T>(await this.request(method, `${this.url}hub/api${path}`, body));
  }

  /** A user's Jupyter server API, through the hub's proxy: `path` after `/user/<name>/api`. */
  async server<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
    return parsed<T>(await this.request(method, `${this.url}user/${encodeURIComponent(user)}/api${path}`, body));
  }

  createUsers(names: string[]): Promise<HubUser[]> {
    return this.hub<HubUser[]>('POST', '/users', { usernames: names });
  }

  user(name: string): Promise<HubUser> {
    return this.hub<HubUser>('GET', `/users/${encodeURIComponent(name)}`);
  }

  /** Starts a user's server and resolves when it is ready (a first start copies the course). */
  async startServer(name: string, timeoutMs = 300_000): Promise<void> {
    await this.hub('POST', `/users/${encodeURIComponent(name)}/server`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const server = (await this.user(name)).servers[''];
      if (server?.ready) return;
      if (!server?.pending) throw new HubError(`${name}'s server stopped while starting; see the hub's log`);
      if (Date.now() > deadline) throw new HubError(`${name}'s server was not ready within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Stops a user's server and resolves when it has stopped. */
  async stopServer(name: string, timeoutMs = 120_000): Promise<void> {
    await this.hub('DELETE', `/users/${encodeURIComponent(name)}/server`);
    const deadline = Date.now() + timeoutMs;
    while ((await this.user(name)).servers['']) {
      if (Date.now() > deadline) throw new HubError(`${name}'s server did not stop within ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
