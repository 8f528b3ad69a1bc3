package site_test

import (
	"encoding/json"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169/record"
	"github.com/idqr/claim169/web/internal/playground"
)

// testIssue generates a key, fills the form with a face photo, signs, and
// decodes the credential back in the page and in Go.
func testIssue(t *testing.T, b *browser, f *fixtures) {
	b.open(t, "issue", "")
	b.do(t,
		chromedp.Click(chromedp.ID("tab-issue")),
		chromedp.SetValue(chromedp.ID("issue-alg"), "ES256"),
		chromedp.SetValue(chromedp.ID("issue-kid"), "playground-test"),
		chromedp.Click(chromedp.ID("issue-keygen")),
		chromedp.WaitVisible(chromedp.CSS("#issue-keys pre")),
		chromedp.SetValue(chromedp.ID("f-id"), "3918592438"),
		chromedp.SetValue(chromedp.ID("f-fullName"), "Janardhan BS"),
		chromedp.SetValue(chromedp.ID("f-dateOfBirth"), "19880412"),
		chromedp.SetValue(chromedp.ID("f-gender"), "1"),
		chromedp.SetValue(chromedp.ID("f-nationality"), "IND"),
		chromedp.SetValue(chromedp.ID("f-address"), "New House, Near Metro Line, Bengaluru, KA"),
		chromedp.SetUploadFiles(chromedp.ID("issue-photo"), []string{f.facePath}),
		chromedp.WaitVisible(chromedp.ID("issue-photo-img")),
	)
	assert.Contains(t, b.text(t, "#issue-photo-out figcaption"), "JPEG")
	b.do(t, chromedp.Click(chromedp.ID("issue-run")), chromedp.WaitVisible(chromedp.ID("issue-qr")))
	assert.Positive(t, imageWidth(t, b, "#issue-qr"), "the QR code is shown")
	assert.Contains(t, b.text(t, "#issue-qr-info"), "error correction M")
	text := b.value(t, "issue-text")
	require.NotEmpty(t, text)
	b.screenshot(t, "issue")

	// The same text, read by the SDK in Go.
	var out record.Output
	require.NoError(t, json.Unmarshal(playground.Inspect(text, nil), &out))
	assert.Equal(t, "Janardhan BS", out.Identity.FullName)
	assert.Equal(t, "19880412", out.Identity.DateOfBirth)
	assert.NotEmpty(t, out.Identity.Photo)
	assert.LessOrEqual(t, len(out.Identity.Photo), 600)
	assert.Equal(t, "ES256", out.Algorithm)
	assert.Equal(t, "playground-test", out.KeyID)

	// Decoded back in the page with the public key of the key pair.
	b.do(t, chromedp.Click(chromedp.ID("issue-decode")))
	assert.Contains(t, b.text(t, "#decode-out .verdict.good"), "Signature verified")
	assert.Contains(t, b.text(t, `#decode-out td[data-field="fullName"]`), "Janardhan BS")
	assert.Positive(t, imageWidth(t, b, "#decode-out figure img"))
}
