// The identity of a credential (claim 169) as a card: its photograph and
// face images where the browser can show them, then every field in the
// order the JSON gives, with registered values named.
import { h } from "./dom.js";

const labels = {
  id: "ID", version: "Version", language: "Language", fullName: "Full name",
  firstName: "First name", middleName: "Middle name", lastName: "Last name",
  dateOfBirth: "Date of birth", gender: "Gender", address: "Address", email: "Email",
  phone: "Phone", nationality: "Nationality", maritalStatus: "Marital status",
  guardian: "Guardian", photo: "Photo", photoFormat: "Photo format",
  bestQualityFingers: "Best quality fingers", secondaryFullName: "Secondary full name",
  secondaryLanguage: "Secondary language", locationCode: "Location code",
  legalStatus: "Legal status", countryOfIssuance: "Country of issuance",
  rightThumb: "Right thumb", rightPointerFinger: "Right pointer finger",
  rightMiddleFinger: "Right middle finger", rightRingFinger: "Right ring finger",
  rightLittleFinger: "Right little finger", leftThumb: "Left thumb",
  leftPointerFinger: "Left pointer finger", leftMiddleFinger: "Left middle finger",
  leftRingFinger: "Left ring finger", leftLittleFinger: "Left little finger",
  rightIris: "Right iris", leftIris: "Left iris", face: "Face", rightPalm: "Right palm",
  leftPalm: "Left palm", voice: "Voice", unknown: "Unassigned keys",
};

const genders = { 1: "Male", 2: "Female", 3: "Other" };
const maritalStatuses = { 1: "Unmarried", 2: "Married", 3: "Divorced" };
// Photo formats (key 17) and the MIME type a browser shows.
const photoFormats = { 1: ["JPEG", "image/jpeg"], 2: ["JPEG 2000", null], 3: ["AVIF", "image/avif"], 4: ["WebP", "image/webp"] };
// Biometric formats and image sub-formats.
const bioFormats = { 0: "image", 1: "template", 2: "sound", 3: "bio hash" };
const imageSubFormats = { 0: ["PNG", "image/png"], 1: ["JPEG", "image/jpeg"], 2: ["JPEG 2000", null], 3: ["AVIF", "image/avif"], 4: ["WebP", "image/webp"], 5: ["TIFF", null], 6: ["WSQ", null] };

/** sniff guesses an image type from the first bytes (base64). */
function sniff(b64) {
  if (b64.startsWith("/9j/")) return "image/jpeg";
  if (b64.startsWith("iVBORw0KGgo")) return "image/png";
  if (b64.startsWith("UklGR")) return "image/webp";
  return null;
}

function sizeOf(b64) {
  const pad = b64.endsWith("==") ? 2 : b64.endsWith("=") ? 1 : 0;
  return Math.floor(b64.length * 3 / 4) - pad;
}

/** picture shows base64 image data of the given MIME type, or says why not. */
function picture(b64, mime, caption) {
  mime = mime || sniff(b64);
  if (!mime) {
    return h("figure", { class: "nophoto" }, h("figcaption", {}, caption + ": this format cannot be shown"));
  }
  return h("figure", {}, h("img", { src: "data:" + mime + ";base64," + b64, alt: caption }),
    h("figcaption", {}, caption + " · " + sizeOf(b64) + " bytes"));
}

function named(map, v) {
  const name = map[v];
  return name ? name + " (" + v + ")" : String(v) + " (not registered)";
}

function biometricList(entries) {
  return h("ul", { class: "bio" }, entries.map((e) => {
    const format = e.format === undefined ? "format not given" : named(bioFormats, e.format);
    const sub = e.subFormat === undefined ? "" : e.format === 0 && imageSubFormats[e.subFormat]
      ? ", " + imageSubFormats[e.subFormat][0] : ", sub-format " + e.subFormat;
    const size = e.data ? sizeOf(e.data) + " bytes" : "no data";
    return h("li", {}, format + sub + " · " + size + (e.issuer ? " · issuer " + e.issuer : ""));
  }));
}

function valueOf(name, v) {
  switch (name) {
    case "gender": return named(genders, v);
    case "maritalStatus": return named(maritalStatuses, v);
    case "photoFormat": return photoFormats[v] ? photoFormats[v][0] + " (" + v + ")" : String(v) + " (not registered)";
    case "photo": return sizeOf(v) + " bytes (shown above)";
    case "dateOfBirth": return /^\d{8}$/.test(v) ? v.slice(0, 4) + "-" + v.slice(4, 6) + "-" + v.slice(6) : v;
    case "bestQualityFingers": return v.join(", ");
    case "unknown": return h("code", {}, JSON.stringify(v));
  }
  if (Array.isArray(v)) {
    return biometricList(v);
  }
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** identityCard shows an identity in claim169.Identity's JSON form. */
export function identityCard(id) {
  const pictures = [];
  if (id.photo) {
    const f = photoFormats[id.photoFormat];
    pictures.push(picture(id.photo, f ? f[1] : null, "Photo"));
  }
  for (const e of id.face || []) {
    if (e.data && e.format === 0) {
      const f = imageSubFormats[e.subFormat];
      pictures.push(picture(e.data, f ? f[1] : null, "Face"));
    }
  }
  const rows = Object.entries(id).map(([name, v]) =>
    h("tr", {}, h("th", { scope: "row" }, labels[name] || name), h("td", { "data-field": name }, valueOf(name, v))));
  return h("section", { class: "card identity", id: "identity" },
    h("h2", {}, "Identity"),
    h("div", { class: "identity-body" },
      pictures.length ? h("div", { class: "pictures" }, pictures) : null,
      rows.length ? h("table", {}, h("tbody", {}, rows)) : h("p", { class: "hint" }, "No identity fields.")));
}
