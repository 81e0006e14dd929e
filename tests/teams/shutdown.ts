import type { App } from '../../src/app.ts';

/**
 * Closes an app whose delivery worker may be in the middle of a delivery. DeliveryWorker.stop()
 * called while `runDue()` is running lets the loop re-arm its timer and run on forever (reported
 * to the runtime's owner); asking it to stop again once it is idle ends it.
 */
export async function closeApp(app: App): Promise<void> {
  let stopped = false;
  const stopping = app.delivery.stop().then(() => {
    stopped = true;
  });
  while (!stopped) {
    await Promise.race([stopping, new Promise((resolve) => setTimeout(resolve, 50))]);
    if (!stopped) void app.delivery.stop();
  }
  await app.close();
}
