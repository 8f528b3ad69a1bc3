// Package playground holds the operations of the browser playground (the
// web/ directory of the module), written in Go so that they run natively in
// tests and, compiled to WebAssembly by web/wasm, in the browser.
//
// Each operation takes its input and options as the JavaScript API receives
// them and returns one JSON document — never an error — in the shapes of the
// claim169 command (docs/CLI.md):
//
//   - [Decode] and [Inspect] return the command's output JSON
//     (record.FromResult, record.Inspect), indented as the command prints it;
//     on failure {"verification": ..., "error": {"stage", "exit", "message"}},
//     where "error" is record.FailureOf's and "verification" is present only
//     when the signature stage was reached: "failed" when the signature did
//     not verify, "verified" when it did and a later stage (validity,
//     claim169, status) failed.
//   - [Encode] returns {"text", "warnings", "qr"}, [Keygen] the key pair
//     and its public JWK, [RenderQR] the code as SVG (and PNG), [Scan] the
//     text read from an image, [FitPhoto] a face JPEG within a byte budget;
//     each {"error": {...}} on failure.
//
// Its imports are what a browser may link: no claim169/trust (whose
// fetcher links net/http), no net/http, no Brotli encoder. The bounds are the
// SDK's: the decoder's text limit, scan.MaxBytes and scan.MaxPixels,
// photo.MaxInputBytes and photo.MaxPixels, keys.MaxKeyFileSize and
// keys.MaxSetSize. No output or error holds key material beyond what the
// caller asked for (Keygen's keys), and no error holds identity data.
package playground
