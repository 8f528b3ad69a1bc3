// The SDK as the page sees it: each function of the WebAssembly API, run in
// worker.js, as an async function that resolves to {json, data}: the JSON
// text the SDK returned (the claim169 command's JSON) and its parsed value.
// On failure data.error is {stage, exit, message}; see docs/PLAYGROUND.md.

const worker = new Worker("worker.js");
const pending = new Map();
let nextId = 1;
let readyResolve, readyReject;

/** Resolves to the milliseconds the SDK took to start, or rejects. */
export const ready = new Promise((resolve, reject) => {
  readyResolve = resolve;
  readyReject = reject;
});

worker.onmessage = (event) => {
  const msg = event.data;
  if ("ready" in msg) {
    if (msg.ready) {
      readyResolve(msg.ms);
    } else {
      readyReject(new Error(msg.error));
    }
    return;
  }
  const resolve = pending.get(msg.id);
  pending.delete(msg.id);
  let data;
  try {
    data = JSON.parse(msg.json);
  } catch (err) {
    data = { error: { exit: 1, message: "playground: the SDK returned no JSON" } };
  }
  resolve({ json: msg.json, data });
};

worker.onerror = (event) => {
  readyReject(new Error(event.message || "the SDK's worker failed"));
};

/**
 * call runs the SDK function op with args in the worker. transfer lists
 * buffers to move rather than copy (camera frames).
 */
export function call(op, args, transfer = []) {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    worker.postMessage({ id, op, args }, transfer);
  });
}

// The same API on window, resolving to the parsed JSON, for the console
// and for automation: await claim169.decode(text, {keys: [pem]}).
window.claim169 = Object.freeze(Object.fromEntries(
  ["decode", "inspect", "encode", "keygen", "renderQR", "scan", "fitPhoto"].map((op) =>
    [op, async (...args) => (await call(op, args)).data]),
));
