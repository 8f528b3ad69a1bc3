package site_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/web/internal/playground"
)

// link is the automation contract's fragment: the text percent-encoded as
// encodeURIComponent does, the JWK as unpadded base64url of its JSON.
func link(text, jwk string) string {
	frag := "#decode=" + encodeURIComponent(text)
	if jwk != "" {
		frag += "&jwk=" + base64.RawURLEncoding.EncodeToString([]byte(jwk))
	}
	return frag
}

// encodeURIComponent escapes s as JavaScript's encodeURIComponent: every
// UTF-8 byte but A–Z a–z 0–9 and - _ . ! ~ * ' ( ) as %XX.
func encodeURIComponent(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// goDecode is what the SDK returns for text and the JWK outside the browser.
func goDecode(t *testing.T, text, jwk string) string {
	t.Helper()
	opts, err := json.Marshal(playground.DecodeOptions{Keys: []string{jwk}})
	require.NoError(t, err)
	return string(playground.Decode(text, opts))
}

func testDecodeVerified(t *testing.T, b *browser, f *fixtures) {
	b.open(t, "verified", link(f.valid, f.jwk))
	v, stage := b.dataset(t)
	assert.Equal(t, "verified", v)
	assert.Empty(t, stage)
	timing := eval[struct{ Ready, FirstDecode float64 }](t, b, `window.claim169Timing`)
	t.Logf("cold start: SDK ready %.0f ms, first decode done %.0f ms after navigation", timing.Ready, timing.FirstDecode)

	assert.Contains(t, b.text(t, ".verdict.good"), "Signature verified")
	assert.Contains(t, b.text(t, `#identity td[data-field="fullName"]`), "Janardhan BS")

	// The page's own API, warm: window.claim169.decode resolves to the JSON.
	warm := eval[struct {
		Verification string  `json:"verification"`
		Ms           float64 `json:"ms"`
	}](t, b, `(async () => {
		const t0 = performance.now();
		const out = await claim169.decode(`+jsString(f.valid)+`, {keys: [`+jsString(f.jwk)+`]});
		return {verification: out.verification, ms: performance.now() - t0};
	})()`)
	assert.Equal(t, "verified", warm.Verification)
	t.Logf("a warm decode through the worker: %.1f ms", warm.Ms)
	assert.Contains(t, b.text(t, `#identity td[data-field="gender"]`), "Male")
	assert.Positive(t, imageWidth(t, b, "#identity figure img"), "the face photo is shown")
	// The JSON shown is the SDK's, byte for byte.
	assert.Equal(t, goDecode(t, f.valid, f.jwk), b.text(t, ".json pre"))
	b.screenshot(t, "decode-verified")
}

// testDecodeRefused opens links to credentials the page must refuse: it
// shows the verdict, the failing stage and the exit code, and no identity
// data.
func testDecodeRefused(t *testing.T, b *browser, f *fixtures) {
	cases := []struct {
		name, text          string
		verification, stage string
		verdict, meta       []string // what the verdict and the error's line say
		noIdentity          string   // the selector that must match nothing
		then                func(t *testing.T)
	}{{
		name: "tampered", text: f.tampered, verification: "failed", stage: "verify",
		verdict:    []string{"Signature does not verify"},
		meta:       []string{"stage verify", "exit code 3"},
		noIdentity: "#identity",
	}, {
		name: "expired", text: f.expired, verification: "verified", stage: "validity",
		verdict:    []string{"Signature verified", "Credential refused"},
		meta:       []string{"exit code 4"},
		noIdentity: "#decode-out #identity",
		then: func(t *testing.T) {
			// Offered to inspect it: the content shows, marked unverified.
			b.do(t, chromedp.Click(chromedp.ID("inspect-anyway")))
			assert.Contains(t, b.text(t, "#panel-inspect .verdict.warn"), "Signature not checked")
			assert.Contains(t, b.text(t, `#panel-inspect td[data-field="fullName"]`), "Janardhan BS")
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b.open(t, c.name, link(c.text, f.jwk))
			v, stage := b.dataset(t)
			assert.Equal(t, c.verification, v)
			assert.Equal(t, c.stage, stage)
			for _, want := range c.verdict {
				assert.Contains(t, b.text(t, ".verdict.bad"), want)
			}
			for _, want := range c.meta {
				assert.Contains(t, b.text(t, ".error .meta"), want)
			}
			assert.Equal(t, 0, b.count(t, c.noIdentity), "no identity data from a refused credential")
			b.screenshot(t, "decode-"+c.name)
			if c.then != nil {
				c.then(t)
			}
		})
	}
}

func testDecodeMalformed(t *testing.T, b *browser, f *fixtures) {
	b.open(t, "malformed", link("NOT BASE45 %+/:", f.jwk))
	v, stage := b.dataset(t)
	assert.Empty(t, v)
	assert.Equal(t, "base45", stage)
	// The text arrived intact through the fragment.
	assert.Equal(t, "NOT BASE45 %+/:", b.value(t, "decode-text"))

	b.open(t, "bad-escape", "#decode=%E0%A4%A")
	_, stage = b.dataset(t)
	assert.Equal(t, "input", stage)
}

func testInspect(t *testing.T, b *browser, f *fixtures) {
	// Without a key the link inspects.
	b.open(t, "inspect-link", link(f.expired, ""))
	v, stage := b.dataset(t)
	assert.Equal(t, "skipped", v)
	assert.Empty(t, stage)

	b.open(t, "inspect", "")
	b.do(t,
		chromedp.Click(chromedp.ID("tab-inspect")),
		chromedp.SetValue(chromedp.ID("inspect-text"), f.withCert),
		chromedp.Click(chromedp.ID("inspect-run")))
	assert.Contains(t, b.text(t, "#panel-inspect .verdict.warn"), "Signature not checked")
	assert.Contains(t, b.text(t, "#panel-inspect #headers"), "1 (alg)")
	assert.Contains(t, b.text(t, "#panel-inspect #headers"), "33 (x5chain)")
	assert.Contains(t, b.text(t, "#panel-inspect #certificates"), "Example ID issuer")
	assert.Contains(t, b.text(t, `#panel-inspect td[data-field="fullName"]`), "Ada Lovelace")
	b.screenshot(t, "inspect")
}

func testScanUpload(t *testing.T, b *browser, f *fixtures) {
	b.open(t, "scan", "")
	b.do(t,
		chromedp.SetValue(chromedp.ID("decode-key"), f.pubPEM),
		chromedp.SetUploadFiles(chromedp.ID("decode-file"), []string{f.qrPath}))
	assert.Contains(t, b.text(t, "#decode-out .verdict.good"), "Signature verified")
	assert.Equal(t, f.valid, b.value(t, "decode-text"))
	b.screenshot(t, "scan-upload")
}

func testCamera(t *testing.T, b *browser, f *fixtures) {
	b.open(t, "camera", "")
	b.do(t,
		chromedp.SetValue(chromedp.ID("decode-key"), f.jwk),
		chromedp.Click(chromedp.ID("camera-start")))
	assert.Contains(t, b.text(t, "#decode-out .verdict.good"), "Signature verified")
	assert.Contains(t, b.text(t, `#decode-out td[data-field="fullName"]`), "Janardhan BS")
	assert.True(t, eval[bool](t, b, `document.getElementById("camera").hidden`), "the camera stops once a code is read")
}

// count returns how many elements match sel.
func (b *browser) count(t *testing.T, sel string) int {
	t.Helper()
	return eval[int](t, b, `document.querySelectorAll(`+jsString(sel)+`).length`)
}

// jsString quotes s for a JavaScript expression.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return strings.TrimSpace(string(q))
}
