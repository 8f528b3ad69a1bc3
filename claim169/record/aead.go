package record

import (
	"errors"
	"strconv"

	"github.com/idqr/claim169/cose"
)

// aeadAlgorithms are the content-encryption algorithms, shortest key first.
var aeadAlgorithms = []cose.Algorithm{cose.A128GCM, cose.A192GCM, cose.A256GCM, cose.ChaCha20Poly1305}

// EncryptionAlgorithm reads the name of a content-encryption algorithm
// (--encrypt-alg).
func EncryptionAlgorithm(name string) (cose.Algorithm, error) {
	alg, err := cose.ParseAlgorithm(name)
	if err != nil || !alg.IsAEAD() {
		return 0, errors.New("unknown encryption algorithm " + strconv.Quote(name) + " (want A128GCM, A192GCM, A256GCM or C20P)")
	}
	return alg, nil
}

// AEADs returns the AEADs a content-encryption key serves: the one of alg,
// or, when alg is 0, every algorithm of the key's length (a 32-byte key
// serves A256GCM and ChaCha20/Poly1305, in that order).
func AEADs(key []byte, alg cose.Algorithm) ([]cose.AEAD, error) {
	algs := []cose.Algorithm{alg}
	if alg == 0 {
		algs = nil
		for _, a := range aeadAlgorithms {
			if a.KeySize() == len(key) {
				algs = append(algs, a)
			}
		}
	}
	var out []cose.AEAD
	for _, a := range algs {
		aead, err := cose.NewAEAD(a, key)
		if err != nil {
			return nil, err
		}
		out = append(out, aead)
	}
	if len(out) == 0 {
		return nil, errors.New("symmetric key length fits no algorithm")
	}
	return out, nil
}
