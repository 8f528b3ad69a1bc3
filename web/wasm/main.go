//go:build js && wasm

// Command wasm is the browser playground's SDK: compiled to WebAssembly, it
// sets globalThis.claim169 to the JavaScript API of package
// web/internal/playground, and calls globalThis.claim169Ready, if set, once
// the API is in place. Every function returns one JSON text (see
// docs/PLAYGROUND.md):
//
//	claim169.decode(text, {keys, jwks, decryptKeys, now, skew})
//	claim169.inspect(text, {decryptKeys})
//	claim169.encode(record, {privateKey, alg, kid, kidUnprotected, cwtTag, ecc, maxVersion})
//	claim169.keygen(alg, {kid})
//	claim169.renderQR(text, {ecc, module, png})
//	claim169.scan(imageData or bytes)
//	claim169.fitPhoto(bytes, {maxBytes, width, minWidth, gray, crop})
//
// Options are plain objects (or their JSON text); a record is an object or
// its JSON text; bytes are a Uint8Array or an ArrayBuffer; imageData is an
// ImageData or any {width, height, data} with RGBA bytes.
package main

import (
	"syscall/js"

	"github.com/idqr/claim169/biometrics/photo"
	"github.com/idqr/claim169/qr/scan"
	"github.com/idqr/claim169/web/internal/playground"
)

func main() {
	api := js.Global().Get("Object").New()
	api.Set("decode", function(func(a []js.Value) []byte {
		return playground.Decode(text(a, 0), jsonArg(a, 1))
	}))
	api.Set("inspect", function(func(a []js.Value) []byte {
		return playground.Inspect(text(a, 0), jsonArg(a, 1))
	}))
	api.Set("encode", function(func(a []js.Value) []byte {
		return playground.Encode(jsonArg(a, 0), jsonArg(a, 1))
	}))
	api.Set("keygen", function(func(a []js.Value) []byte {
		return playground.Keygen(text(a, 0), jsonArg(a, 1))
	}))
	api.Set("renderQR", function(func(a []js.Value) []byte {
		return playground.RenderQR(text(a, 0), jsonArg(a, 1))
	}))
	api.Set("scan", function(scanArg))
	api.Set("fitPhoto", function(func(a []js.Value) []byte {
		data, out := bytesArg(a, 0, photo.MaxInputBytes)
		if out != nil {
			return out
		}
		return playground.FitPhoto(data, jsonArg(a, 1))
	}))
	js.Global().Set("claim169", api)
	if ready := js.Global().Get("claim169Ready"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // keep the functions alive
}

// function wraps an operation as a JavaScript function returning its JSON
// text. A panic becomes the JSON of an internal error rather than ending
// the program, which would take every later call with it.
func function(op func(args []js.Value) []byte) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) (ret any) {
		defer func() {
			if recover() != nil {
				ret = string(playground.Internal())
			}
		}()
		return string(op(args))
	})
}

// arg returns argument i, or undefined.
func arg(a []js.Value, i int) js.Value {
	if i < len(a) {
		return a[i]
	}
	return js.Undefined()
}

// text returns argument i as a string ("" for undefined or null).
func text(a []js.Value, i int) string {
	v := arg(a, i)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// jsonArg returns argument i as JSON text: a string as it is, any other
// value through JSON.stringify, undefined and null as nothing.
func jsonArg(a []js.Value, i int) []byte {
	v := arg(a, i)
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return nil
	case js.TypeString:
		return []byte(v.String())
	}
	return []byte(js.Global().Get("JSON").Call("stringify", v).String())
}

// bytesArg copies argument i, a Uint8Array, Uint8ClampedArray or
// ArrayBuffer of at most limit bytes, into Go.
func bytesArg(a []js.Value, i, limit int) ([]byte, []byte) {
	v := arg(a, i)
	if v.Type() != js.TypeObject {
		return nil, playground.Usage("want a Uint8Array or an ArrayBuffer")
	}
	if v.InstanceOf(js.Global().Get("ArrayBuffer")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	if !v.InstanceOf(js.Global().Get("Uint8Array")) && !v.InstanceOf(js.Global().Get("Uint8ClampedArray")) {
		return nil, playground.Usage("want a Uint8Array or an ArrayBuffer")
	}
	n := v.Get("byteLength").Int()
	if n > limit {
		return nil, playground.TooLarge(n, limit)
	}
	data := make([]byte, n)
	js.CopyBytesToGo(data, v)
	return data, nil
}

// scanArg reads the code in an ImageData ({width, height, data}) or in the
// bytes of an image file.
func scanArg(a []js.Value) []byte {
	v := arg(a, 0)
	if v.Type() == js.TypeObject && v.Get("data").Type() == js.TypeObject && v.Get("width").Type() == js.TypeNumber {
		w, h := v.Get("width").Int(), v.Get("height").Int()
		if w <= 0 || h <= 0 || w > scan.MaxPixels/h {
			return playground.ScanPixels(nil, w, h) // refused by its checks
		}
		pix, out := bytesArg([]js.Value{v.Get("data")}, 0, 4*w*h)
		if out != nil {
			return out
		}
		return playground.ScanPixels(pix, w, h)
	}
	data, out := bytesArg(a, 0, scan.MaxBytes)
	if out != nil {
		return out
	}
	return playground.ScanFile(data)
}
