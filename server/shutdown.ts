/** Work to finish before the process exits (e.g. flushing collaborative documents). */
type Hook = () => Promise<void> | void;
const hooks: Hook[] = [];

export function onShutdown(hook: Hook) {
  hooks.push(hook);
}

export async function runShutdownHooks() {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      console.error('shutdown hook failed', error);
    }
  }
}
