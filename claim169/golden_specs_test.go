package claim169

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/fxamacker/cbor/v2"

	ts "github.com/idqr/claim169/internal/testsupport"
	"github.com/idqr/claim169/internal/vectors"
)

// Ed25519 keys of the golden vectors: RFC 8032 §7.1 TEST 1 and TEST 2.
var (
	// seedIssuer is the seed of TEST 1, the signer of every vector.
	seedIssuer = ts.MustHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
	// publicOther is the public key of TEST 2 (seed 4ccd089b…), the wrong
	// key of 15-wrong-key.
	publicOther = ts.MustHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
)

// goldenNow is the decoder's clock of the golden vectors.
var goldenNow = time.Unix(1760000000, 0)

type goldenSpec struct {
	golden  golden
	payload func(t *testing.T) []byte // hand-built CWT payload, instead of the record
	tamper  func(s *Stages)           // changes the signed message after signing
}

func recordJSON(s string) json.RawMessage { return json.RawMessage(s) }

const stdCWT = `"cwt":{"issuer":"https://id.example.org","issuedAt":1750000000,"expiresAt":1800000000}`

func goldenSpecs() []goldenSpec {
	enc := func(name, desc, record string, opts vectors.GoldenOptions) goldenSpec {
		return goldenSpec{golden: golden{Name: name, Description: desc, Seed: seedIssuer, Options: opts,
			Record: recordJSON(record), Now: goldenNow}}
	}
	specs := []goldenSpec{
		enc("01-minimal", "ID and full name only", `{"claim169":{"id":"ID-0001","fullName":"Alice Example"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("02-demographics-full", "every demographic field, keys 1-23",
			`{"claim169":{"id":"3918592438","version":"1.0","language":"eng","fullName":"Janardhan B S",
			"firstName":"Janardhan","middleName":"B","lastName":"S","dateOfBirth":"19840418","gender":1,
			"address":"New House\nNear Metro Line\nBengaluru, KA","email":"janardhan@example.com",
			"phone":"+91 98765 43210","nationality":"IN","maritalStatus":2,"guardian":"Guardian-001",
			"photo":"/9j/4AAQSkZJRg==","photoFormat":1,"bestQualityFingers":[1,2,6],
			"secondaryFullName":"جاناردان بنغالور سرينيفاس","secondaryLanguage":"ara",
			"locationCode":"849VCWC8+R9","legalStatus":"Refugee","countryOfIssuance":"IN"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("03-non-latin-scripts", "names and address in Devanagari, Han, Cyrillic, Greek, Amharic and an emoji",
			`{"claim169":{"id":"ID-0003","fullName":"अनन्या शर्मा","secondaryFullName":"王秀英 / Ирина Петрова",
			"secondaryLanguage":"zho","address":"Αθήνα 10558\nአዲስ አበባ 🏠","legalStatus":"Asylum seeker"},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("04-biometrics-all", "all sixteen biometric keys with formats, sub-formats and issuers",
			`{"claim169":{"id":"ID-0004","fullName":"Bio Metric",`+allBiometricsJSON()+`},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("05-unknown-keys", "keys the table does not assign, written byte for byte",
			`{"claim169":{"id":"ID-0005","fullName":"Closed Ecosystem","unknown":{"24":-1,"30":"district 9",
			"45":12345,"75":1.5,"80":{"a":[1,2,{"b":null}]},"99":true}},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("06-kid-protected-tag61", "kid in the protected header, CWT tag 61 around tag 18",
			`{"claim169":{"id":"ID-0006","fullName":"Tagged Twice"},`+stdCWT+`}`, vectors.GoldenOptions{KeyID: "issuer-2026-01", CWTTag: true}),
		enc("07-kid-unprotected-untagged", "kid in the unprotected header as MOSIP's key manager writes it, untagged COSE_Sign1",
			`{"claim169":{"id":"ID-0007","fullName":"Plain Array"},`+stdCWT+`}`, vectors.GoldenOptions{KeyID: "k-1101", KeyIDUnprotected: true, Untagged: true}),
		enc("08-cwt-all-claims", "issuer, subject, audience, nbf, iat, exp and cti",
			`{"claim169":{"id":"ID-0008","fullName":"Every Claim"},"cwt":{"issuer":"https://id.example.org",
			"subject":"ID-0008","audience":["https://verifier.example.org"],"notBefore":1750000000,
			"issuedAt":1750000000,"expiresAt":1800000000,"cwtId":"0102030405060708"}}`, vectors.GoldenOptions{}),
		enc("09-zero-values-present", "an empty string and gender 0 given explicitly are kept",
			`{"claim169":{"id":"ID-0009","fullName":"","middleName":"","gender":0,"bestQualityFingers":[]},`+stdCWT+`}`, vectors.GoldenOptions{}),
		enc("10-expired", "exp before the decoder's clock",
			`{"claim169":{"id":"ID-0010","fullName":"Long Gone"},"cwt":{"issuer":"https://id.example.org","issuedAt":1600000000,"expiresAt":1700000000}}`, vectors.GoldenOptions{}),
		enc("11-not-yet-valid", "nbf after the decoder's clock",
			`{"claim169":{"id":"ID-0011","fullName":"Not Yet"},"cwt":{"issuer":"https://id.example.org","issuedAt":1750000000,"notBefore":1900000000,"expiresAt":2000000000}}`, vectors.GoldenOptions{}),
		{golden: golden{Name: "12-deviations-spec-style", Seed: seedIssuer, Now: goldenNow, Options: vectors.GoldenOptions{KeyID: "k-1101", KeyIDUnprotected: true, CWTTag: true},
			Description: "as the specification's own example: claim 169 as a byte string, gender and marital status as text, the face as a single map"},
			payload: deviationPayload},
		{golden: golden{Name: "13-mistyped-fields", Seed: seedIssuer, Now: goldenNow,
			Description: "values whose type contradicts the table are kept under unknown with a warning"},
			payload: mistypedPayload},
		func() goldenSpec {
			s := enc("14-tampered-payload", "one letter of the name changed after signing",
				`{"claim169":{"id":"ID-0014","fullName":"Alice Example"},`+stdCWT+`}`, vectors.GoldenOptions{})
			s.tamper = func(st *Stages) {
				st.COSE = bytes.Replace(st.COSE, []byte("Alice"), []byte("Alicf"), 1)
				st.CWT = bytes.Replace(st.CWT, []byte("Alice"), []byte("Alicf"), 1)
			}
			return s
		}(),
		func() goldenSpec {
			s := enc("15-wrong-key", "signed by one key, verified with another",
				`{"claim169":{"id":"ID-0015","fullName":"Wrong Key"},`+stdCWT+`}`, vectors.GoldenOptions{})
			s.golden.PublicKey = publicOther
			return s
		}(),
	}
	return specs
}

func allBiometricsJSON() string {
	names := []string{"rightThumb", "rightPointerFinger", "rightMiddleFinger", "rightRingFinger", "rightLittleFinger",
		"leftThumb", "leftPointerFinger", "leftMiddleFinger", "leftRingFinger", "leftLittleFinger"}
	out := ""
	for i, n := range names {
		// ISO 19794-2 templates ("FMR\0" header), vendor sub-format on the last.
		sub := 1
		if i == len(names)-1 {
			sub = 150
		}
		out += `"` + n + `":[{"data":"Rk1SAA==","format":1,"subFormat":` + itoa(sub) + `,"issuer":"VendorX"}],`
	}
	out += `"rightIris":[{"data":"iVBORw0KGgo=","format":0,"subFormat":0}],` +
		`"leftIris":[{"data":"iVBORw0KGgo=","format":0,"subFormat":0}],` +
		`"face":[{"data":"/9j/4AAQSkZJRg==","format":0,"subFormat":1},{"data":"UklGRiQAAABXRUJQ","format":0,"subFormat":4}],` +
		`"rightPalm":[{"data":"//+g","format":0,"subFormat":6}],` +
		`"leftPalm":[{"data":"SUkqAA==","format":0,"subFormat":5}],` +
		`"voice":[{"data":"UklGRiQAAABXQVZF","format":2,"subFormat":0}]`
	return out
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func deviationPayload(t *testing.T) []byte {
	identity := mustCBOR(t, map[int64]any{
		1: "3918592438", 4: "Janardhan BS", 8: "19840418", 9: "1", 14: "2",
		62: map[int64]any{0: []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), 1: 0, 2: 4},
	})
	return mustCBOR(t, map[int64]any{1: "www.mosip.io", 4: 1800000000, 5: 1750000000, 6: 1750000000, 169: []byte(identity)})
}

func mistypedPayload(t *testing.T) []byte {
	identity := mustCBOR(t, map[int64]any{
		1: "ID-0013", 4: 42, 8: 19840418, 9: 1.5, 16: "not bytes",
		62: []any{map[int64]any{0: []byte{1}, 9: "extra key"}},
	})
	return mustCBOR(t, map[int64]any{1: "https://id.example.org", 4: 1800000000, 6: 1750000000, 169: cbor.RawMessage(identity)})
}
