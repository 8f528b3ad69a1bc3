// The playground's worker: it runs the SDK compiled to WebAssembly
// (claim169.wasm, with Go's wasm_exec.js) off the page's thread, so that a
// slow scan or key generation never freezes the page. Messages in:
// {id, op, args}, where op names a function of the SDK's API (decode,
// inspect, encode, keygen, renderQR, scan, fitPhoto); messages out: {id,
// json}, the function's JSON text, and once {ready, ms} or {ready: false,
// error} when the SDK has started or failed to.
"use strict";

importScripts("wasm_exec.js");

const t0 = performance.now();

const ready = (async () => {
  const go = new Go();
  const response = await fetch("claim169.wasm");
  if (!response.ok) {
    throw new Error("claim169.wasm: HTTP " + response.status);
  }
  let module;
  // instantiateStreaming needs the server to say application/wasm.
  if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
    module = await WebAssembly.instantiateStreaming(response, go.importObject);
  } else {
    module = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
  }
  // main sets self.claim169, then calls claim169Ready; if it exits
  // instead (a panic at start), the SDK did not start.
  const started = new Promise((resolve) => { self.claim169Ready = resolve; });
  const exited = go.run(module.instance).then(() => { throw new Error("the SDK exited"); });
  await Promise.race([started, exited]);
})();

ready.then(
  () => postMessage({ ready: true, ms: performance.now() - t0 }),
  (err) => postMessage({ ready: false, error: String(err && err.message || err) }),
);

self.onmessage = async (event) => {
  const { id, op, args } = event.data;
  let json;
  try {
    await ready;
    const fn = self.claim169[op];
    if (typeof fn !== "function") {
      throw new Error("unknown operation " + op);
    }
    json = fn(...args);
  } catch (err) {
    json = JSON.stringify({ error: { exit: 1, message: "playground: " + String(err && err.message || err) } });
  }
  postMessage({ id, json });
};
