package zxtest

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/idqr/claim169/qr"
)

func TestLevelAndVersion(t *testing.T) {
	for _, l := range []qr.Level{qr.L, qr.M, qr.Q, qr.H} {
		assert.Equal(t, l.String(), Level(l).String())
	}
	for v := qr.MinVersion; v <= qr.MaxVersion; v++ {
		assert.Equal(t, v, Version(t, v).GetVersionNumber())
	}
}
