// Small DOM and data helpers. Every text that comes from a credential is
// set with textContent, never parsed as HTML.

/** h builds an element: h("p", {class: "x"}, "text", child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith("on")) {
      el.addEventListener(name.slice(2), value);
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export const $ = (id) => document.getElementById(id);

/** bytesOf decodes standard base64 into bytes. */
export function bytesOf(base64) {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) {
    out[i] = bin.charCodeAt(i);
  }
  return out;
}

/** base64url writes text (UTF-8) as unpadded base64url. */
export function base64url(text) {
  let bin = "";
  for (const b of new TextEncoder().encode(text)) {
    bin += String.fromCharCode(b);
  }
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** fromBase64url reads unpadded base64url into text (UTF-8); throws on bad input. */
export function fromBase64url(s) {
  const b64 = s.replaceAll("-", "+").replaceAll("_", "/");
  const bytes = bytesOf(b64 + "===".slice((b64.length + 3) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** download offers data (a Blob) as a file named name. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** copyButton is a button that copies text() to the clipboard. */
export function copyButton(label, text) {
  const b = h("button", { type: "button", class: "small" }, label);
  b.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(text());
      b.textContent = "Copied";
    } catch {
      b.textContent = "Copy failed";
    }
    setTimeout(() => { b.textContent = label; }, 1500);
  });
  return b;
}

/** readFile reads a File as bytes (Uint8Array) or text. */
export async function readFile(file, asText = false) {
  return asText ? await file.text() : new Uint8Array(await file.arrayBuffer());
}

/** pixelsOf decodes an image file with the browser into ImageData-like pixels. */
export async function pixelsOf(source) {
  const bitmap = await createImageBitmap(source);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/**
 * pngOf decodes an image file with the browser (any format it reads, EXIF
 * orientation applied) and encodes it again as PNG bytes, no larger than
 * maxSide pixels on its longest side.
 */
export async function pngOf(file, maxSide) {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale)));
    const ctx = canvas.getContext("2d");
    ctx.imageSmoothingQuality = "high";
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvas.convertToBlob({ type: "image/png" });
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    bitmap.close();
  }
}

/** reveal scrolls el into view when the panels are stacked (a phone). */
export function reveal(el) {
  if (window.matchMedia("(max-width: 900px)").matches) {
    el.scrollIntoView({ behavior: "smooth", block: "start" });
  }
}
