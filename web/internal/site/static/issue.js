// The Issue panel: a signing key generated or pasted, the identity fields,
// a face photo fitted to a byte budget, then the signed credential as a QR
// code to download (PNG, SVG) or decode back.
import { $, h, bytesOf, copyButton, download, pngOf, reveal } from "./dom.js";
import { call } from "./sdk.js";
import { errorBox } from "./show.js";
import { decodeText, linkTo } from "./decode.js";
import { showPanel } from "./tabs.js";

// The longest side of a picture handed to the SDK: far above the widths
// a budget of a few hundred bytes allows.
const photoSide = 1024;

let photo = null; // {bytes: the picture chosen, jpeg: base64 of the fitted JPEG}

function defaultExpiry() {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + 5);
  return d.toISOString().slice(0, 10);
}

async function keygen() {
  const out = $("issue-keys");
  out.hidden = false;
  out.replaceChildren(h("p", { class: "busy" }, "Generating…"));
  const kid = $("issue-kid").value.trim();
  const res = await call("keygen", [$("issue-alg").value, kid ? { kid } : {}]);
  if (res.data.error) {
    out.replaceChildren(errorBox(res.data.error));
    return;
  }
  const k = res.data;
  const jwk = JSON.stringify(k.jwk, null, 2);
  $("issue-key").value = k.privateKey;
  $("issue-kid").value = k.kid;
  const file = (text, name, type) => h("button", { type: "button", class: "small",
    onclick: () => download(new Blob([text], { type }), name) }, name);
  out.replaceChildren(
    h("p", {}, "A new " + k.algorithm + " key pair, kid ", h("code", {}, k.kid), ". Its public key verifies what you issue:"),
    h("pre", { class: "key" }, k.publicKey),
    h("div", { class: "row" },
      file(k.privateKey, "issuer.key.pem", "application/x-pem-file"),
      file(k.publicKey, "issuer.pub.pem", "application/x-pem-file"),
      file(jwk + "\n", "issuer.jwk.json", "application/json")));
}

async function fitPhoto() {
  const out = $("issue-photo-out");
  $("issue-photo-clear").hidden = !photo;
  if (!photo) {
    out.replaceChildren();
    return;
  }
  out.replaceChildren(h("p", { class: "busy" }, "Fitting the picture…"));
  const res = await call("fitPhoto", [photo.bytes, {
    maxBytes: Number($("issue-budget").value) || 600,
    crop: $("issue-crop").checked,
    gray: $("issue-gray").checked,
  }]);
  if (res.data.error) {
    photo.jpeg = null;
    out.replaceChildren(errorBox(res.data.error));
    return;
  }
  photo.jpeg = res.data.jpeg;
  out.replaceChildren(h("figure", {},
    h("img", { id: "issue-photo-img", src: "data:image/jpeg;base64," + res.data.jpeg, alt: "Fitted face photo" }),
    h("figcaption", {}, res.data.width + "×" + res.data.height + " JPEG, " + res.data.bytes + " bytes")));
}

/** record builds the record to sign from the form. */
function record() {
  const claim169 = {};
  for (const el of document.querySelectorAll("#issue-form [data-field]")) {
    const v = el.value.trim();
    if (v !== "") {
      claim169[el.dataset.field] = el.dataset.type === "int" ? Number(v) : v;
    }
  }
  if (photo && photo.jpeg) {
    claim169.photo = photo.jpeg;
    claim169.photoFormat = 1; // JPEG
  }
  const cwt = { issuedAt: Math.floor(Date.now() / 1000) };
  const iss = $("issue-iss").value.trim();
  if (iss) cwt.issuer = iss;
  const exp = $("issue-exp").value;
  if (exp) cwt.expiresAt = Math.floor(Date.parse(exp + "T23:59:59Z") / 1000);
  return { claim169, cwt };
}

async function issue() {
  const out = $("issue-out");
  out.replaceChildren(h("p", { class: "busy" }, "Signing…"));
  const rec = record();
  const ecc = $("issue-ecc").value;
  const kid = $("issue-kid").value.trim();
  const enc = await call("encode", [rec, { privateKey: $("issue-key").value, ecc, ...(kid ? { kid } : {}) }]);
  if (enc.data.error) {
    out.replaceChildren(errorBox(enc.data.error));
    return;
  }
  const { text, qr, warnings } = enc.data;
  const jwk = JSON.stringify(enc.data.jwk, null, 2);
  const img = await call("renderQR", [text, { ecc, module: 4, png: true }]);
  if (img.data.error) {
    out.replaceChildren(errorBox(img.data.error));
    return;
  }
  const svg = new Blob([img.data.svg], { type: "image/svg+xml" });
  const png = new Blob([bytesOf(img.data.png)], { type: "image/png" });
  out.replaceChildren(h("section", { class: "card qr" },
    h("h2", {}, "Signed credential"),
    h("img", { id: "issue-qr", src: URL.createObjectURL(svg), alt: "QR code of the credential" }),
    h("p", { id: "issue-qr-info" }, "QR version " + qr.version + " · error correction " + qr.ecc + " · " +
      qr.modules + "×" + qr.modules + " modules · " + qr.characters + " characters (" + qr.remaining + " more would fit)"),
    h("div", { class: "row" },
      h("button", { type: "button", id: "issue-png", onclick: () => download(png, "claim169.png") }, "Download PNG"),
      h("button", { type: "button", id: "issue-svg", onclick: () => download(svg, "claim169.svg") }, "Download SVG"),
      copyButton("Copy text", () => text),
      copyButton("Copy verification link", () => linkTo(text, jwk)),
      h("button", { type: "button", id: "issue-decode", class: "primary", onclick: async () => {
        showPanel("decode");
        $("decode-text").value = text;
        $("decode-key").value = jwk;
        await decodeText(text, jwk);
      } }, "Decode it")),
    h("textarea", { id: "issue-text", readonly: true, rows: 4, spellcheck: "false", "aria-label": "QR text" }, text),
    warnings.length ? h("div", { class: "warnings" }, h("strong", {}, "Warnings"), h("ul", {}, warnings.map((w) => h("li", {}, w)))) : null,
    h("details", {}, h("summary", {}, "The record signed (the command's input JSON)"),
      h("pre", {}, JSON.stringify(rec, null, 2)))));
  reveal(out);
}

/** setup wires the Issue panel. */
export function setup() {
  $("issue-exp").value = defaultExpiry();
  $("issue-keygen").addEventListener("click", keygen);
  $("issue-photo").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (!file) return;
    try {
      // The browser decodes the picture (any format it reads, turned
      // upright by its EXIF orientation); the SDK fits it.
      photo = { bytes: await pngOf(file, photoSide), jpeg: null };
    } catch {
      photo = null;
      $("issue-photo-out").replaceChildren(errorBox({ stage: "photo", exit: 2, message: "photo: the browser cannot decode this file" }));
      return;
    }
    await fitPhoto();
  });
  for (const id of ["issue-budget", "issue-crop", "issue-gray"]) {
    $(id).addEventListener("change", fitPhoto);
  }
  $("issue-photo-clear").addEventListener("click", () => {
    photo = null;
    fitPhoto();
  });
  $("issue-form").addEventListener("submit", (e) => {
    e.preventDefault();
    issue();
  });
}
