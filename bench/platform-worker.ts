import { Worker } from 'node:worker_threads';

/**
 * A fake platform in a worker thread, so that it does not share the bot's event loop (a stall of the bot would
 * otherwise bunch the arrival times the fake measures). Each request resolves with the worker's answer of the
 * same type; `close` is answered with `closed`.
 */
export class PlatformWorker<Request extends { type: string }> {
  private readonly worker: Worker;

  constructor(module: URL, workerData: unknown) {
    // The worker registers tsx itself: a worker thread does not inherit the loader of the `tsx` command.
    const code = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
    this.worker = new Worker(code, { eval: true, workerData });
  }

  next<T>(type: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        this.worker.off('message', onMessage);
        this.worker.off('error', reject);
        resolve(message as T);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
    });
  }

  async request<T>(request: Request): Promise<T> {
    const answer = this.next<T>(request.type === 'close' ? 'closed' : request.type);
    this.worker.postMessage(request);
    return answer;
  }

  async close(): Promise<void> {
    await Promise.race([this.request({ type: 'close' } as Request), new Promise((resolve) => setTimeout(resolve, 5000))]);
    await this.worker.terminate();
  }
}
