import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { releaseStackOnAbort } from "./finished-render";

v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Aborts `controller` with an Error from inside an Immediate, as React ends a render, and
 * returns a weak reference to that Immediate once it has run and the heap has been collected.
 */
async function immediateAfterAbort(controller: AbortController): Promise<WeakRef<NodeJS.Immediate>> {
  const ref = new WeakRef(setImmediate(() => controller.abort(new Error("This render completed successfully."))));
  await nextTurn();
  collectGarbage();
  await nextTurn();
  collectGarbage();
  return ref;
}

describe("releaseStackOnAbort", () => {
  it("lets the Immediate a render ended in be collected while the abort reason lives on", async () => {
    const controller = new AbortController();
    releaseStackOnAbort(controller.signal);
    const immediate = await immediateAfterAbort(controller);
    expect(immediate.deref()).toBeUndefined();
    expect(String(controller.signal.reason)).toContain("completed successfully");
  });

  it("is needed: without it the abort reason keeps the Immediate (and its neighbours) alive", async () => {
    const controller = new AbortController();
    const immediate = await immediateAfterAbort(controller);
    expect(immediate.deref()).toBeDefined();
    expect(controller.signal.reason).toBeInstanceOf(Error);
  });
});
