// The playground page: it starts the SDK (sdk.js, in a worker), wires the
// panels, and runs the automation contract of the URL fragment
// (#decode=<QR text>&jwk=<public JWK>, docs/PLAYGROUND.md). Timings go to
// window.claim169Timing: {ready, firstDecode}, in ms since navigation.
import { $ } from "./dom.js";
import { ready } from "./sdk.js";
import * as tabs from "./tabs.js";
import * as decode from "./decode.js";
import * as issue from "./issue.js";

window.claim169Timing = {};

tabs.setup();
decode.setup();
issue.setup();

ready.then(
  (ms) => {
    window.claim169Timing.ready = performance.now();
    $("sdk-status").textContent = "SDK ready (started in " + Math.round(ms) + " ms)";
    $("sdk-status").classList.add("ok");
  },
  (err) => {
    $("sdk-status").textContent = "The SDK could not start: " + err.message;
    $("sdk-status").classList.add("bad");
  },
);

const req = decode.readHash(location.hash);
if (req) {
  tabs.showPanel("decode");
  decode.decodeFromHash(req).then(() => {
    window.claim169Timing.firstDecode = performance.now();
  });
}
