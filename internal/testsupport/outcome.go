package testsupport

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Succeeded asserts the outcome of a call that returned got and err: with want set, that
// err matches it (errors.Is) and got is the zero value; else that err is nil. It reports
// whether the call succeeded, for the checks of got that follow:
//
//	key, err := keys.ParsePublic(tc.input)
//	if !ts.Succeeded(t, key, err, tc.wantErr) {
//		return
//	}
func Succeeded[V any](tb testing.TB, got V, err, want error) bool {
	tb.Helper()
	if want != nil {
		require.ErrorIs(tb, err, want)
		assert.Zero(tb, got)
		return false
	}
	require.NoError(tb, err)
	return true
}
