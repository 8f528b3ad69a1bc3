// Showing a decoded credential: the verdict, the error, the warnings, the
// identity with its photo, the CWT claims, the COSE headers and
// certificates, and the JSON exactly as the SDK returned it.
import { h, copyButton } from "./dom.js";
import { identityCard } from "./identity.js";

/** The command's exit codes (docs/CLI.md). */
export const exitNames = {
  0: "success",
  1: "usage or I/O error",
  2: "malformed input",
  3: "verification failed",
  4: "outside validity",
  5: "decryption failed",
};

/** What went wrong at each stage, in plain words. */
const stageNames = {
  input: "The text is too long or not a credential",
  base45: "The text is not valid Base45 (RFC 9285)",
  decompress: "The data does not inflate (zlib, RFC 1950)",
  cose: "The data is not a valid COSE message",
  decrypt: "The credential cannot be decrypted",
  cwt: "The CWT claims are malformed",
  verify: "The signature does not verify",
  validity: "The credential is outside its validity period",
  status: "The credential was refused by the status check",
  claim169: "The identity data (claim 169) is malformed",
  key: "The key cannot be used",
  jwks: "The JWK set cannot be read",
  usage: "The options are not valid",
  image: "No QR code could be read from the image",
  photo: "The picture cannot be fitted",
  qr: "The text cannot be drawn as a QR code",
  record: "The identity record is not valid",
  size: "The credential does not fit the QR code size",
  sign: "The credential cannot be signed",
  output: "The identity cannot be written as JSON",
};

/** describeError says what failed: {title, detail}. */
export function describeError(err) {
  const title = stageNames[err.stage] || "Failed";
  const detail = [
    err.stage ? "stage " + err.stage : null,
    "exit code " + err.exit + " (" + (exitNames[err.exit] || "error") + ")",
  ].filter(Boolean).join(" · ");
  return { title, detail };
}

/** errorBox shows a failure of any operation. */
export function errorBox(err) {
  const { title, detail } = describeError(err);
  return h("div", { class: "error", role: "alert" },
    h("strong", {}, title), h("div", { class: "meta" }, detail), h("code", { class: "message" }, err.message));
}

/** verdict is the banner at the top of a result. */
function verdict(data, opts) {
  const err = data.error;
  if (data.verification === "verified" && !err) {
    return banner("good", "✔ Signature verified",
      "Signed by the key given, unaltered, and within its validity period" + (opts.at ? " at " + opts.at : "") + ".");
  }
  if (data.verification === "verified") {
    return banner("bad", "✔ Signature verified  ✘ Credential refused",
      "The issuer's signature is genuine and the content unaltered, but a later check failed:");
  }
  if (data.verification === "failed") {
    return banner("bad", "✘ Signature does not verify",
      "This credential was not signed by the key given, or it was altered. Do not trust it.");
  }
  if (err) {
    return banner("bad", "✘ Not a readable credential", "Decoding stopped before the signature could be checked:");
  }
  return banner("warn", "Signature not checked",
    opts.keyGiven === false
      ? "No issuer key was given, so the content is shown unverified. Do not trust it."
      : "Inspect shows the content without verification. Do not trust it.");
}

function banner(kind, title, text) {
  return h("div", { class: "verdict " + kind, "data-verdict": kind },
    h("strong", {}, title), h("span", {}, text));
}

/**
 * showResult fills out with a decode or inspect result ({json, data}).
 * opts: {keyGiven, at: the time validity was checked at, or "", onInspect:
 * called by a button offered when verification, validity or decryption
 * failed}.
 */
export function showResult(out, res, opts = {}) {
  const { data } = res;
  out.replaceChildren(verdict(data, opts));
  if (data.error) {
    const box = errorBox(data.error);
    if (opts.onInspect && data.error.exit >= 3) {
      box.append(h("div", { class: "row" }, h("button", { type: "button", class: "small", id: "inspect-anyway",
        onclick: opts.onInspect }, "Inspect it without verification")));
    }
    out.append(box);
  }
  if (data.warnings && data.warnings.length) {
    out.append(h("div", { class: "warnings" },
      h("strong", {}, data.warnings.length === 1 ? "Warning" : data.warnings.length + " warnings"),
      h("ul", {}, data.warnings.map((w) => h("li", {}, w)))));
  }
  if (data.claim169) {
    out.append(identityCard(data.claim169));
  }
  if (data.cwt || data.algorithm) {
    out.append(credentialCard(data));
  }
  if (data.headers) {
    out.append(headersCard(data.headers));
  }
  if (data.certificates && data.certificates.length) {
    out.append(certificatesCard(data.certificates));
  }
  out.append(jsonCard(res.json));
}

/** dateOf shows NumericDate seconds as UTC. */
export function dateOf(seconds) {
  const d = new Date(seconds * 1000);
  return isNaN(d) ? String(seconds) : d.toISOString().replace(/\.\d+Z$/, " UTC").replace("T", " ");
}

function table(rows) {
  return h("table", {}, h("tbody", {}, rows.filter(Boolean).map(([k, v]) =>
    h("tr", {}, h("th", { scope: "row" }, k), h("td", {}, v)))));
}

function credentialCard(data) {
  const c = data.cwt || {};
  const now = Date.now() / 1000;
  const rows = [
    c.issuer !== undefined && ["Issuer", c.issuer],
    c.subject !== undefined && ["Subject", c.subject],
    c.audience !== undefined && ["Audience", [].concat(c.audience).join(", ")],
    c.issuedAt !== undefined && ["Issued", dateOf(c.issuedAt)],
    c.notBefore !== undefined && ["Not before", dateOf(c.notBefore)],
    c.expiresAt !== undefined && ["Expires", h("span", {}, dateOf(c.expiresAt),
      c.expiresAt < now ? h("span", { class: "tag bad" }, "expired") : null)],
    c.cwtId !== undefined && ["CWT ID", h("code", {}, c.cwtId)],
    data.algorithm && ["Algorithm", data.algorithm],
    data.kid && ["Key ID", h("code", {}, data.kid)],
    data.encryption && ["Encryption", data.encryption.algorithm + (data.encryption.kid ? " (kid " + data.encryption.kid + ")" : "")],
  ];
  return h("section", { class: "card" }, h("h2", {}, "Credential"), table(rows));
}

function headersCard(headers) {
  const part = (title, params) => params && Object.keys(params).length
    ? [h("h3", {}, title), table(Object.entries(params).map(([k, v]) => [k, h("code", {}, v)]))]
    : [];
  return h("section", { class: "card", id: "headers" },
    h("h2", {}, "COSE headers"),
    h("p", { class: "hint" }, headers.cwtTag ? "Wrapped in the CWT tag 61." : "No CWT tag 61."),
    part("Protected (signed)", headers.protected),
    part("Unprotected", headers.unprotected),
    part("Encryption, protected", headers.encryptProtected),
    part("Encryption, unprotected", headers.encryptUnprotected));
}

function certificatesCard(certs) {
  return h("section", { class: "card", id: "certificates" },
    h("h2", {}, "Certificates carried (not verified)"),
    certs.map((c) => c.error
      ? h("p", { class: "error" }, c.header + ": " + c.error)
      : table([["Header", c.header], ["Subject", c.subject], ["Issuer", c.issuer],
        ["Serial", h("code", {}, c.serial)],
        ["Valid", dateOf(Date.parse(c.notBefore) / 1000) + " to " + dateOf(Date.parse(c.notAfter) / 1000)]])));
}

function jsonCard(json) {
  return h("details", { class: "card json", open: true },
    h("summary", {}, "JSON (as the claim169 command prints it)"),
    h("div", { class: "row" }, copyButton("Copy JSON", () => json)),
    h("pre", {}, json));
}
