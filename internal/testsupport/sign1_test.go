package testsupport

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Open reads what Sign1 writes, wrapped by Wrap, with the headers as given.
func TestSign1(t *testing.T) {
	payload := refMarshal(t, map[int64]any{1: "https://issuer.example"})
	for alg, key := range referenceSigners() {
		protected := map[int64]any{1: alg, 34: []any{int64(-16), []byte{1, 2}}}
		text := Wrap(t, Sign1(t, alg, key, protected, map[int64]any{4: []byte("k1")}, payload))
		got := Open(t, text, Opening{Alg: alg, Public: key.Public()})
		assert.Equal(t, MustHex("76 68747470733a2f2f6973737565722e6578616d706c65"), []byte(got[1]), "alg %d", alg)
	}
}
