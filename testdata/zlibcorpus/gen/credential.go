package main

import (
	"math/rand/v2"
	"time"

	"github.com/fxamacker/cbor/v2"

	"github.com/idqr/claim169/biometrics"
	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/cose"
	"github.com/idqr/claim169/cwt"
)

// credential returns the COSE message of a random credential and the words
// that describe it.
func credential(r *rand.Rand, ks *keySet) ([]byte, []string, error) {
	id, what := identity(r)
	opts, how, err := ks.options(r)
	if err != nil {
		return nil, nil, err
	}
	enc, err := claim169.NewEncoder(opts)
	if err != nil {
		return nil, nil, err
	}
	out, err := enc.Encode(id, claims(r))
	if err != nil {
		return nil, nil, err
	}
	return out.Stages.COSE, append(how, what...), nil
}

var issuers = []string{"www.mosip.io", "https://id.example.org", "https://registry.gov.example/issuer", "did:web:id.example.net", "MOSIP"}

func claims(r *rand.Rand) *cwt.Claims {
	iat := time.Unix(1600000000+r.Int64N(200000000), 0)
	c := &cwt.Claims{Issuer: issuers[r.IntN(len(issuers))], IssuedAt: cwt.NewNumericDate(iat)}
	if r.IntN(4) > 0 {
		c.ExpiresAt = cwt.NewNumericDate(iat.AddDate(1+r.IntN(10), 0, 0))
	}
	if r.IntN(3) == 0 {
		c.NotBefore = cwt.NewNumericDate(iat)
	}
	if r.IntN(4) == 0 {
		c.Subject = digits(r, 6+r.IntN(10))
	}
	if r.IntN(8) == 0 {
		c.ID = randomBytes(r, 16)
	}
	return c
}

// identity returns a random identity and the words that describe it.
func identity(r *rand.Rand) (*claim169.Identity, []string) {
	sc := scripts[r.IntN(len(scripts))]
	what := []string{sc.name}
	id := &claim169.Identity{ID: digits(r, 6+r.IntN(12))}
	if r.IntN(2) == 0 {
		id.FullName = name(r, sc, 2+r.IntN(3))
	} else {
		id.FirstName, id.LastName = name(r, sc, 1), name(r, sc, 1)
		if r.IntN(3) == 0 {
			id.MiddleName = name(r, sc, 1)
		}
	}
	demographics(r, sc, id)
	if r.IntN(4) == 0 {
		other := scripts[r.IntN(len(scripts))]
		id.SecondaryFullName, id.SecondaryLanguage = name(r, other, 2+r.IntN(2)), "eng"
		what = append(what, "secondary-"+other.name)
	}
	what = append(what, addBiometrics(r, id)...)
	if r.IntN(6) == 0 {
		id.Unknown = unknownFields(r)
		what = append(what, "unknown-keys")
	}
	return id, what
}

func demographics(r *rand.Rand, sc script, id *claim169.Identity) {
	if r.IntN(3) > 0 {
		id.DateOfBirth = date(r)
	}
	if r.IntN(3) > 0 {
		id.Gender = claim169.Gender(1 + r.IntN(3))
	}
	if r.IntN(2) == 0 {
		id.Address = address(r, sc)
	}
	if r.IntN(3) == 0 {
		id.Email = word(r, scripts[0], 3) + "." + digits(r, 2) + "@example.org"
	}
	if r.IntN(3) == 0 {
		id.Phone = "+" + digits(r, 11+r.IntN(2))
	}
	if r.IntN(2) == 0 {
		id.Nationality = []string{"IN", "PH", "ET", "MA", "LK", "TG", "TN", "UG"}[r.IntN(8)]
	}
	if r.IntN(5) == 0 {
		id.MaritalStatus = claim169.MaritalStatus(1 + r.IntN(3))
	}
	if r.IntN(8) == 0 {
		id.Guardian = name(r, sc, 2)
	}
	if r.IntN(6) == 0 {
		id.Version, id.Language = "1.0", "eng"
	}
	if r.IntN(6) == 0 {
		id.LocationCode, id.LegalStatus, id.CountryOfIssuance = "849VCWC8+R9", "citizen", "IN"
	}
}

// addBiometrics adds photographs and templates to id.
func addBiometrics(r *rand.Rand, id *claim169.Identity) []string {
	var what []string
	switch r.IntN(10) {
	case 0, 1, 2: // no photograph
	case 3:
		data, how := facePhoto(r)
		id.Photo, id.PhotoFormat = data, claim169.PhotoJPEG
		what = append(what, "photo-"+how+"-"+itoa(len(data)))
	default:
		data, how := facePhoto(r)
		id.Face = []biometrics.Biometric{{Data: data, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG.Ptr()}}
		what = append(what, "face-"+how+"-"+itoa(len(data)))
	}
	if r.IntN(6) == 0 {
		t := minutiae(r)
		id.RightThumb = []biometrics.Biometric{{Data: t, Format: biometrics.FormatTemplate.Ptr(), SubFormat: biometrics.TemplateISO19794_2.Ptr()}}
		what = append(what, "thumb-template-"+itoa(len(t)))
		id.BestQualityFingers = []int64{1, 6}
	}
	if r.IntN(12) == 0 {
		iris := randomBytes(r, 100+r.IntN(300))
		id.LeftIris = []biometrics.Biometric{{Data: iris, Format: biometrics.FormatImage.Ptr(), SubFormat: biometrics.ImageJPEG2000.Ptr()}}
		what = append(what, "iris-"+itoa(len(iris)))
	}
	if r.IntN(15) == 0 {
		h := randomBytes(r, 32)
		issuer := "vendor-" + digits(r, 3)
		id.LeftThumb = []biometrics.Biometric{{Data: h, Format: biometrics.FormatBioHash.Ptr(), Issuer: &issuer}}
		what = append(what, "biohash")
	}
	return what
}

// unknownFields returns fields the specification does not define (keys
// 70-99): text, integers and byte strings.
func unknownFields(r *rand.Rand) map[claim169.Field]cbor.RawMessage {
	m := make(map[claim169.Field]cbor.RawMessage)
	for range 1 + r.IntN(4) {
		var v any
		switch r.IntN(3) {
		case 0:
			v = name(r, scripts[r.IntN(len(scripts))], 2)
		case 1:
			v = r.Int64N(1 << 40)
		default:
			v = randomBytes(r, 4+r.IntN(40))
		}
		raw, err := cbor.Marshal(v)
		if err != nil {
			panic(err)
		}
		m[claim169.Field(70+r.IntN(30))] = raw
	}
	return m
}

// aeadKey returns an A256GCM or ChaCha20/Poly1305 key.
func aeadKey(r *rand.Rand) (cose.AEAD, string, error) {
	alg, what := cose.A256GCM, "a256gcm"
	if r.IntN(3) == 0 {
		alg, what = cose.ChaCha20Poly1305, "chacha20"
	}
	k, err := cose.NewAEAD(alg, randomBytes(r, alg.KeySize()))
	return k, what, err
}
