// Reading a QR code from the camera: frames of the video, a few a second,
// handed to the SDK's scanner in the worker until one holds a code. The
// camera needs a secure context (https, or http on localhost).
import { $ } from "./dom.js";
import { call } from "./sdk.js";

// The longest side of a frame handed to the scanner: dense codes need the
// pixels, and the scanner's work grows with them.
const maxSide = 1280;
const interval = 250; // ms between two scans

let stream = null;
let timer = null;

function status(text) {
  $("camera-status").textContent = text;
}

/** startCamera shows the camera and calls onText with the first text read. */
export async function startCamera(onText) {
  if (stream) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    $("camera").hidden = false;
    status("No camera here: the page needs https (or localhost) and a camera.");
    return;
  }
  $("camera").hidden = false;
  status("Asking for the camera…");
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (err) {
    status("The camera is not available: " + err.name);
    return;
  }
  const video = $("camera-video");
  video.srcObject = stream;
  await video.play();
  status("Hold the QR code in front of the camera.");
  const canvas = document.createElement("canvas");
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const tick = async () => {
    if (!stream) return;
    const w = video.videoWidth, h = video.videoHeight;
    if (w && h) {
      const scale = Math.min(1, maxSide / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const frame = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const res = await call("scan", [{ width: frame.width, height: frame.height, data: frame.data }], [frame.data.buffer]);
      if (stream && res.data.text !== undefined) {
        stopCamera();
        await onText(res.data.text);
        return;
      }
    }
    if (stream) timer = setTimeout(tick, interval);
  };
  tick();
}

/** stopCamera releases the camera. */
export function stopCamera() {
  clearTimeout(timer);
  if (stream) {
    for (const track of stream.getTracks()) track.stop();
  }
  stream = null;
  $("camera-video").srcObject = null;
  $("camera").hidden = true;
}
