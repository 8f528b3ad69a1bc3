package cwt

// rfcA1Hex is the claims set of RFC 8392 Appendix A.1.
const rfcA1Hex = "a70175636f61703a2f2f61732e6578616d706c652e636f6d02656572696b77037818636f61703a2f2f6c696768742e6578616d706c652e636f6d041a5612aeb0051a5610d9f0061a5610d9f007420b71"

// rfcA1 is the claims set of RFC 8392 Appendix A.1, as the RFC lists it.
func rfcA1() *Claims {
	return &Claims{
		Issuer:    "coap://as.example.com",
		Subject:   "erikw",
		Audience:  []string{"coap://light.example.com"},
		ExpiresAt: nd(1444064944),
		NotBefore: nd(1443944944),
		IssuedAt:  nd(1443944944),
		ID:        []byte{0x0b, 0x71},
	}
}

// nd returns a pointer to the NumericDate v.
func nd(v int64) *NumericDate {
	d := NumericDate(v)
	return &d
}

// warnFloat and warnTag1 are the warnings Parse gives for a tolerated
// NumericDate at label.
func warnFloat(label int64) string {
	return "cwt: " + labelName(label) + " is a floating-point NumericDate; fractional seconds dropped"
}

func warnTag1(label int64) string {
	return "cwt: " + labelName(label) + " is wrapped in tag 1; the tag is dropped"
}
