package record_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idqr/claim169/claim169"
	"github.com/idqr/claim169/claim169/record"
)

// requireRecordError checks that err refuses a record as every front end
// reports it: ErrMalformed at the record stage, its message holding shown
// and never hidden (when not empty).
func requireRecordError(t *testing.T, err error, shown, hidden string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, claim169.ErrMalformed)
	var ce *claim169.Error
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, record.Stage, ce.Stage)
	assert.Contains(t, err.Error(), shown)
	if hidden != "" {
		assert.NotContains(t, err.Error(), hidden)
	}
}
