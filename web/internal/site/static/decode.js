// The Decode and Inspect panels: QR text pasted, read from an uploaded
// image or from the camera, decoded with the issuer's key (or inspected
// without one), and the automation contract of docs/PLAYGROUND.md:
// #decode=<QR text>&jwk=<public JWK>.
import { $, h, base64url, fromBase64url, pixelsOf, readFile, reveal } from "./dom.js";
import { call } from "./sdk.js";
import { errorBox, showResult } from "./show.js";
import { startCamera, stopCamera } from "./camera.js";
import { showPanel } from "./tabs.js";

/** keyOptions sorts the key text into the SDK's keys or jwks. */
function keyOptions(keyText) {
  const text = keyText.trim();
  if (!text) {
    return null;
  }
  if (text.startsWith("{")) {
    try {
      if (Array.isArray(JSON.parse(text).keys)) {
        return { jwks: [text] };
      }
    } catch {
      // Not JSON: the SDK says what is wrong with the key.
    }
  }
  return { keys: [text] };
}

/** nowOption reads the "check validity at" input (UTC). */
function nowOption() {
  const v = $("decode-now").value;
  return v ? { now: new Date(v + (v.length === 16 ? ":00" : "") + "Z").toISOString() } : {};
}

/**
 * decodeText decodes text with the key text, or inspects it when there is
 * none, shows the result in the Decode panel, and returns it.
 */
export async function decodeText(text, keyText, extra = {}) {
  const out = $("decode-out");
  out.replaceChildren(h("p", { class: "busy" }, "Decoding…"));
  const keys = keyOptions(keyText);
  const decrypt = $("decode-decrypt").value.trim();
  const opts = { ...extra, ...(decrypt ? { decryptKeys: [decrypt] } : {}) };
  let res;
  if (keys) {
    const skew = $("decode-skew").value.trim();
    res = await call("decode", [text, { ...keys, ...opts, ...nowOption(), ...(skew ? { skew } : {}) }]);
  } else {
    res = await call("inspect", [text, opts]);
  }
  const at = $("decode-now").value ? $("decode-now").value.replace("T", " ") + " UTC" : "";
  showResult(out, res, { keyGiven: !!keys, at, onInspect: () => {
    showPanel("inspect");
    $("inspect-text").value = text;
    $("inspect-decrypt").value = $("decode-decrypt").value;
    inspectText(text);
  } });
  $("decode-link").hidden = !(keys && keys.keys && text && keys.keys[0].trim().startsWith("{"));
  $("inspect-text").value = text;
  reveal(out);
  return res.data;
}

/** inspectText inspects text in the Inspect panel. */
async function inspectText(text) {
  const out = $("inspect-out");
  out.replaceChildren(h("p", { class: "busy" }, "Inspecting…"));
  const decrypt = $("inspect-decrypt").value.trim();
  const res = await call("inspect", [text, decrypt ? { decryptKeys: [decrypt] } : {}]);
  showResult(out, res, {});
  reveal(out);
}

/** scanFile reads the QR text in an image file with the SDK's scanner. */
async function scanFile(file, out) {
  out.replaceChildren(h("p", { class: "busy" }, "Reading the QR code in " + file.name + "…"));
  let pixels;
  try {
    pixels = await pixelsOf(file);
  } catch {
    out.replaceChildren(errorBox({ stage: "image", exit: 2, message: "image: the browser cannot decode this file" }));
    return null;
  }
  const res = await call("scan", [{ width: pixels.width, height: pixels.height, data: pixels.data }], [pixels.data.buffer]);
  if (res.data.error) {
    out.replaceChildren(errorBox(res.data.error));
    return null;
  }
  return res.data.text;
}

/** readHash reads the automation contract from the URL fragment. */
export function readHash(hash) {
  const params = {};
  for (const part of hash.replace(/^#/, "").split("&")) {
    const i = part.indexOf("=");
    if (i > 0) {
      params[part.slice(0, i)] = part.slice(i + 1);
    }
  }
  if (!("decode" in params)) {
    return null;
  }
  const req = { text: null, jwk: null, error: null };
  try {
    req.text = decodeURIComponent(params.decode);
  } catch {
    req.error = { stage: "input", exit: 2, message: "input: the text in the link is not percent-encoded" };
    return req;
  }
  if (params.jwk) {
    try {
      req.jwk = fromBase64url(params.jwk);
    } catch {
      req.error = { stage: "key", exit: 2, message: "key: the jwk in the link is not base64url" };
    }
  }
  return req;
}

/**
 * decodeFromHash runs the automation contract once: decode (or inspect)
 * the text of the link, then set document.body.dataset.verification and
 * document.body.dataset.error.
 */
export async function decodeFromHash(req) {
  $("decode-text").value = req.text || "";
  $("decode-key").value = req.jwk || "";
  let data;
  if (req.error) {
    data = { error: req.error };
    showResult($("decode-out"), { json: JSON.stringify(data, null, 2), data }, { keyGiven: !!req.jwk });
  } else {
    data = await decodeText(req.text, req.jwk || "");
  }
  if (data.verification) {
    document.body.dataset.verification = data.verification;
  }
  if (data.error) {
    document.body.dataset.error = data.error.stage || "error";
  }
}

/** linkTo returns the page's link that decodes text with the JWK. */
export function linkTo(text, jwk) {
  const base = location.href.replace(/#.*$/, "");
  return base + "#decode=" + encodeURIComponent(text) + "&jwk=" + base64url(JSON.stringify(JSON.parse(jwk)));
}

/** setup wires the Decode and Inspect panels. */
export function setup() {
  $("decode-form").addEventListener("submit", (e) => {
    e.preventDefault();
    decodeText($("decode-text").value.replace(/\r?\n$/, ""), $("decode-key").value);
  });
  $("inspect-form").addEventListener("submit", (e) => {
    e.preventDefault();
    inspectText($("inspect-text").value.replace(/\r?\n$/, ""));
  });
  $("decode-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const text = await scanFile(file, $("decode-out"));
    if (text !== null) {
      $("decode-text").value = text;
      await decodeText(text, $("decode-key").value);
    }
  });
  $("inspect-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    const text = await scanFile(file, $("inspect-out"));
    if (text !== null) {
      $("inspect-text").value = text;
      await inspectText(text);
    }
  });
  $("decode-keyfile").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file && file.size <= 64 * 1024) {
      $("decode-key").value = await readFile(file, true);
    }
  });
  $("decode-link").addEventListener("click", async () => {
    const link = linkTo($("decode-text").value.replace(/\r?\n$/, ""), $("decode-key").value.trim());
    try {
      await navigator.clipboard.writeText(link);
      $("decode-link").textContent = "Link copied";
    } catch {
      history.replaceState(null, "", link);
      $("decode-link").textContent = "Link in the address bar";
    }
    setTimeout(() => { $("decode-link").textContent = "Copy a link to this result"; }, 2000);
  });
  $("camera-start").addEventListener("click", () => startCamera(async (text) => {
    $("decode-text").value = text;
    await decodeText(text, $("decode-key").value);
  }));
  $("camera-stop").addEventListener("click", stopCamera);
}
